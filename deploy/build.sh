#!/usr/bin/env bash
# Builds the files a server needs into deploy/dist/engram/ (copy that folder to /opt/engram, or run deploy/install.sh):
#   payara-micro.jar + engram.war (what bin/engram-server starts), bin/engram-server, backup scripts, docs/deploy.md,
#   and with --uber also engram-micro.jar: Payara Micro with the WAR inside (payara-micro --outputUberJar, offline).
# --no-maven packages the webapp/target/ files of an earlier build instead of running mvn package.
# DIST=FOLDER writes there instead of deploy/dist/engram (the tests use a temporary folder).
# Usage: deploy/build.sh [--uber] [--no-maven]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
uber=""; maven=yes
for arg in "$@"; do
  case $arg in
    --uber) uber=yes ;;
    --no-maven) maven="" ;;
    *) echo "build.sh: unknown option '$arg' (usage: deploy/build.sh [--uber] [--no-maven])" >&2; exit 2 ;;
  esac
done
dist=${DIST:-$ROOT/deploy/dist/engram}
dist=${dist%/}
war=$ROOT/webapp/target/engram.war
micro=$ROOT/webapp/target/payara-micro.jar
if [[ -n $maven ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true -pl webapp -am package)
fi
[[ -f $war && -f $micro ]] || { echo "build.sh: $war or $micro is missing (build without --no-maven)" >&2; exit 2; }
rm -rf "$dist.part" && mkdir -p "$dist.part/bin" "$dist.part/backup" "$dist.part/docs"
cp "$micro" "$war" "$dist.part/"
cp "$ROOT/deploy/bin/engram-server" "$dist.part/bin/"
cp "$ROOT/deploy/backup/"*.sh "$dist.part/backup/"
cp "$ROOT/docs/deploy.md" "$dist.part/docs/"
if [[ -n $uber ]]; then
  # The uber jar keeps the deployment; port, address and the other options are given at start. It does NOT keep
  # --contextroot (engram.war would be served under /engram/), so the WAR goes in as ROOT.war, which Payara Micro
  # deploys at /. Payara Micro unpacks itself into a temporary folder while it writes the jar: a private one, removed.
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/engram-uber.XXXX")
  cp "$war" "$tmp/ROOT.war"
  java -Djava.io.tmpdir="$tmp" -jar "$micro" --deploy "$tmp/ROOT.war" \
    --nohazelcast --disablephonehome --outputUberJar "$dist.part/engram-micro.jar" >"$dist.part/uber.log" 2>&1 \
    || { cat "$dist.part/uber.log" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$tmp" "$dist.part/uber.log"
  [[ -s $dist.part/engram-micro.jar ]] || { echo "build.sh: payara-micro wrote no uber jar" >&2; exit 1; }
fi
rm -rf "$dist" && mv "$dist.part" "$dist"
(cd "$dist" && sha256sum ./*.jar ./*.war > SHA256SUMS)
echo "built $dist:"; ls -l "$dist"
