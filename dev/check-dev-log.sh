#!/usr/bin/env bash
# Starts dev mode as a newcomer would (./mvnw quarkus:dev), waits until it listens, loads the demo cohort,
# and fails if the log has any WARN or ERROR line. Usage: bash dev/check-dev-log.sh   (port 8080 must be free)
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
./mvnw -B quarkus:dev -Dquarkus.console.enabled=false >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 180); do
  grep -q "Listening on" "$log" && break
  kill -0 $pid 2>/dev/null || break
  sleep 1
done
if ! grep -q "Listening on" "$log"; then
  echo "dev mode did not start:"; tail -n 40 "$log"; exit 1
fi
curl -sf -X POST 'http://localhost:8080/dev/demo-cohort?patients=300' >/dev/null || { echo "demo cohort failed"; exit 1; }
sleep 2
if grep -E " (WARN|ERROR) " "$log"; then
  echo "dev mode logged the WARN/ERROR lines above"; exit 1
fi
echo "dev mode started cleanly: $(grep -o 'started in [0-9.]*s' "$log")"
