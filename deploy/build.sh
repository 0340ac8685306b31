#!/usr/bin/env bash
# Builds the files a server needs into deploy/dist/engram/ (copy that folder to /opt/engram):
#   payara-micro.jar + engram.war (what bin/engram-server starts), bin/engram-server, backup scripts, docs/deploy.md,
#   and with --uber also engram-micro.jar: Payara Micro with the WAR inside (payara-micro --outputUberJar, offline).
# Usage: deploy/build.sh [--uber]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
uber=""; [[ ${1:-} == --uber ]] && uber=yes
dist=$ROOT/deploy/dist/engram
(cd "$ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip=true -pl webapp -am package)
rm -rf "$dist.part" && mkdir -p "$dist.part/bin" "$dist.part/backup" "$dist.part/docs"
cp "$ROOT/webapp/target/payara-micro.jar" "$ROOT/webapp/target/engram.war" "$dist.part/"
cp "$ROOT/deploy/bin/engram-server" "$dist.part/bin/"
cp "$ROOT/deploy/backup/"*.sh "$dist.part/backup/"
cp "$ROOT/docs/deploy.md" "$dist.part/docs/"
if [[ -n $uber ]]; then
  # The uber jar keeps the deployment and the context root; port, address and the other options are given at start.
  java -jar "$ROOT/webapp/target/payara-micro.jar" --deploy "$ROOT/webapp/target/engram.war" --contextroot / \
    --nohazelcast --disablephonehome --outputUberJar "$dist.part/engram-micro.jar" >"$dist.part/uber.log" 2>&1 \
    || { cat "$dist.part/uber.log" >&2; exit 1; }
  rm -f "$dist.part/uber.log"
fi
rm -rf "$dist" && mv "$dist.part" "$dist"
(cd "$dist" && sha256sum ./*.jar ./*.war > SHA256SUMS)
echo "built $dist:"; ls -l "$dist"
