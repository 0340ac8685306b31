#!/usr/bin/env bash
# Installs a deploy/build.sh output on a Debian server (run as root from the repository): user engram, /opt/engram,
# /etc/engram/engram.env (only if absent), /var/lib/engram, /var/log/engram, the systemd units, logrotate and the
# nginx site (not enabled). Start with: systemctl enable --now engram   (or engram@8081 engram@8082 for several).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
dist=$ROOT/deploy/dist/engram
[[ $(id -u) == 0 ]] || { echo "install.sh: run as root" >&2; exit 2; }
[[ -f $dist/engram.war ]] || { echo "install.sh: run deploy/build.sh first" >&2; exit 2; }
id engram >/dev/null 2>&1 || useradd --system --home-dir /var/lib/engram --shell /usr/sbin/nologin engram
install -d -o root -g root -m 755 /opt/engram
cp -a "$dist/." /opt/engram/
install -d -o engram -g engram -m 750 /var/lib/engram /var/log/engram
install -d -o root -g engram -m 750 /etc/engram
[[ -f /etc/engram/engram.env ]] || install -o root -g engram -m 640 "$ROOT/deploy/systemd/engram.env.example" /etc/engram/engram.env
install -m 644 "$ROOT/deploy/systemd/engram.service" "$ROOT/deploy/systemd/engram@.service" /etc/systemd/system/
install -m 644 "$ROOT/deploy/logrotate/engram" /etc/logrotate.d/engram
[[ -d /etc/nginx/sites-available ]] && install -m 644 "$ROOT/deploy/nginx/engram.conf" /etc/nginx/sites-available/engram.conf
systemctl daemon-reload 2>/dev/null || true
echo "installed. Edit /etc/engram/engram.env (passwords, database), then: systemctl enable --now engram"
