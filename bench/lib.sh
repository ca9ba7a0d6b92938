#!/usr/bin/env bash
# Shared helpers of the benchmark scripts. Benchmarks use their own database, never dev or test data.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_DB=${BENCH_DB:-kypho_bench}
PORT=${PORT:-18080}
ISSUER=https://dev.kyphoplasty.local
mkdir -p "$BENCH_DIR/results" "$BENCH_DIR/data"

ensure_database() {
  pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -1)" main start
  psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -c "create database $BENCH_DB" >/dev/null
}

reset_database() {
  psql -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $BENCH_DB with (force)" >/dev/null
  psql -h 127.0.0.1 -U postgres -d postgres -c "create database $BENCH_DB" >/dev/null
}

build_jar() {
  [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  [ -f "$ROOT/target/classes/org/kyphoplasty/demo/DemoCohort.class" ] || (cd "$ROOT" && ./mvnw -B -q compile)
}

# A token signed with the DEV-ONLY key (the packaged service is started with the dev public key).
token() {
  local role=$1 b64url header claims now
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"%s","upn":"bench-%s","groups":["%s"],"sites":[],"iat":%s,"exp":%s}' \
    "$ISSUER" "$role" "$role" "$now" "$((now + 7200))" | b64url)
  echo "$header.$claims.$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$ROOT/dev/jwt/privateKey.pem" | b64url)"
}

start_service() {
  local heap=${1:-512m}
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" \
  QUARKUS_HTTP_PORT=$PORT \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/dev/jwt/publicKey.pem" \
  MP_JWT_VERIFY_ISSUER=$ISSUER \
  OUTCOMES_STUDY_ID_SECRET=bench-only-secret \
    java -Xmx"$heap" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$BENCH_DIR/results/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not start; see $BENCH_DIR/results/service.log" >&2
  return 1
}

stop_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
