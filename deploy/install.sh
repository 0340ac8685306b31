#!/usr/bin/env bash
# Installs a deploy/build.sh output on a Debian server (run as root from the repository): user engram, /opt/engram,
# /etc/engram/engram.env (only if absent), /var/lib/engram, /var/log/engram, the systemd units, logrotate and the
# nginx site (not enabled). Start with: systemctl enable --now engram   (or engram@8081 engram@8082 for several).
#
# DESTDIR=/some/folder installs into that folder instead of / (for tests and packaging): it creates no user, does not
# call systemctl, and sets owners only when run as root and the owner exists on this machine (otherwise it says so).
# Usage: [DESTDIR=FOLDER] [DIST=BUILD_FOLDER] deploy/install.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
dist=${DIST:-$ROOT/deploy/dist/engram}   # what deploy/build.sh wrote (DIST= for another folder)
dest=${DESTDIR:-}
dest=${dest%/}
fail() { echo "install.sh: $*" >&2; exit 2; }

[[ -f $dist/engram.war && -f $dist/payara-micro.jar && -x $dist/bin/engram-server ]] \
  || fail "no complete build in $dist: run deploy/build.sh first"
if [[ -z $dest ]]; then
  [[ $(id -u) == 0 ]] || fail "run as root (or set DESTDIR to install into a folder)"
  id engram >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/engram --shell /usr/sbin/nologin engram
else
  [[ $dest == /* ]] || fail "DESTDIR must be an absolute path, got '$dest'"
  mkdir -p "$dest"
fi

# owner USER GROUP: install's -o/-g options, or none where they cannot be applied (DESTDIR as a normal user, or a
# user that only exists on the target machine).
can_own() { [[ $(id -u) == 0 ]] && id "$1" >/dev/null 2>&1 && getent group "$2" >/dev/null; }
owner() { if can_own "$1" "$2"; then echo "-o $1 -g $2"; fi; }

# /opt/engram is replaced as a whole (an upgrade leaves no stale jar behind), through a temporary copy and a rename.
install -d -m 755 "$dest/opt"
rm -rf "$dest/opt/engram.new"
cp -R "$dist" "$dest/opt/engram.new"
chmod -R u=rwX,go=rX "$dest/opt/engram.new"
chmod 755 "$dest/opt/engram.new/bin/"* "$dest/opt/engram.new/backup/"*.sh
if [[ $(id -u) == 0 ]]; then chown -R root:root "$dest/opt/engram.new"; fi
rm -rf "$dest/opt/engram.old"
if [[ -d $dest/opt/engram ]]; then mv "$dest/opt/engram" "$dest/opt/engram.old"; fi
mv "$dest/opt/engram.new" "$dest/opt/engram"
rm -rf "$dest/opt/engram.old"

# The instances' data (H2 file, run-event logs, backups) belongs to engram. The server logs in /var/log/engram are
# opened by systemd as root (StandardOutput=append:) and rotated by logrotate as root, so that folder is root's;
# group adm may read it, as elsewhere in /var/log.
# shellcheck disable=SC2046
install -d -m 750 $(owner engram engram) "$dest/var/lib/engram"
# shellcheck disable=SC2046
install -d -m 750 $(owner root adm) "$dest/var/log/engram"
# shellcheck disable=SC2046
install -d -m 750 $(owner root engram) "$dest/etc/engram"
if [[ ! -f $dest/etc/engram/engram.env ]]; then
  # shellcheck disable=SC2046
  install -m 640 $(owner root engram) "$ROOT/deploy/systemd/engram.env.example" "$dest/etc/engram/engram.env"
fi
install -d -m 755 "$dest/etc/systemd/system" "$dest/etc/logrotate.d"
install -m 644 "$ROOT/deploy/systemd/engram.service" "$ROOT/deploy/systemd/engram@.service" "$dest/etc/systemd/system/"
install -m 644 "$ROOT/deploy/logrotate/engram" "$dest/etc/logrotate.d/engram"
if [[ -n $dest || -d /etc/nginx/sites-available ]]; then
  install -d -m 755 "$dest/etc/nginx/sites-available"
  install -m 644 "$ROOT/deploy/nginx/engram.conf" "$dest/etc/nginx/sites-available/engram.conf"
fi

if [[ -z $dest ]]; then
  systemctl daemon-reload 2>/dev/null || echo "install.sh: systemctl daemon-reload failed (is systemd running?)" >&2
  echo "installed. Edit /etc/engram/engram.env (passwords, database), then: systemctl enable --now engram"
else
  if ! can_own engram engram || ! can_own root adm; then
    echo "install.sh: owners not set under $dest (that needs root and the user engram); modes are set" >&2
  fi
  echo "installed into $dest"
fi
