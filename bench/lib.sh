#!/usr/bin/env bash
# Shared helpers of the benchmark scripts. Benchmarks use their own database, never dev or test data.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_DB=${BENCH_DB:-kypho_bench}
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}
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
  claims=$(printf '{"iss":"%s","aud":"kyphoplasty-outcomes","upn":"bench-%s","groups":["%s"],"sites":[],"iat":%s,"exp":%s}' \
    "$ISSUER" "$role" "$role" "$now" "$((now + 7200))" | b64url)
  echo "$header.$claims.$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$ROOT/dev/jwt/privateKey.pem" | b64url)"
}

start_service() {
  local heap=${1:-512m}
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" \
  QUARKUS_HTTP_PORT=$PORT \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/dev/jwt/publicKey.pem" \
  MP_JWT_VERIFY_ISSUER=$ISSUER MP_JWT_VERIFY_AUDIENCES=kyphoplasty-outcomes \
  OUTCOMES_ALLOW_DEV_KEY=true QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  OUTCOMES_STUDY_ID_SECRET=bench-only-secret \
    java ${JAVA_OPTS:-} -Xmx"$heap" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$BENCH_DIR/results/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not start; see $BENCH_DIR/results/service.log" >&2
  return 1
}

stop_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-client)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; }
  fi
}

# A small registry for the write and read benchmarks: PROCEDURES procedures imported through the API.
seed_procedures() {
  local patients=${1:-1000}
  local file="$BENCH_DIR/data/cohort-$patients.csv"
  [ -f "$file" ] || java -cp "$ROOT/target/classes" org.kyphoplasty.demo.DemoCohort --patients "$patients" --seed 7 \
    --today 2026-11-23 --out "$file" 2>/dev/null
  curl -sf -X POST -H "Authorization: Bearer $(token admin)" -H 'Content-Type: text/csv' --data-binary @"$file" \
    "http://127.0.0.1:$PORT/api/v1/imports" >/dev/null
  psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -c "drop table if exists bench_procedure;
    create table bench_procedure as
      select row_number() over (order by id) as n, id, performed_on from procedure where performed_on < date '2026-08-01';
    select count(*) from bench_procedure"
}

# wrk's summary line "Requests/sec: 1234.56" and its 99% latency in ms.
wrk_rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
wrk_p99_ms() {
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; print v }' "$1"
}
pgbench_tps() { awk '/^tps = / {print $3}' "$1"; }

# CPU time (ms, user + system) a process has used so far.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
