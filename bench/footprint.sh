#!/usr/bin/env bash
# Footprint: time from launching the packaged jar to the first successful API request, RUNS times
# (median), and the resident set size once started. (writes.sh reports the RSS after the write load.)
#   bash bench/footprint.sh      # RUNS=5
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
build_jar; ensure_database
TOKEN=$(token admin)
times=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" QUARKUS_HTTP_PORT=$PORT \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/dev/jwt/publicKey.pem" MP_JWT_VERIFY_ISSUER=$ISSUER MP_JWT_VERIFY_AUDIENCES=kyphoplasty-outcomes \
  OUTCOMES_ALLOW_DEV_KEY=true QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    java ${JAVA_OPTS:-} -Xmx512m -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$BENCH_DIR/results/footprint.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/patients?size=1"; do
    sleep 0.02
  done
  end=$(date +%s%N)
  times+=("$(( (end - start) / 1000000 ))")
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $run: first successful request after ${times[-1]} ms, RSS $((rss / 1024)) MB"
done
printf "footprint: median start to first request %.0f ms (target <= 3000); RSS after start %d MB\n" \
  "$(printf '%s\n' "${times[@]}" | median)" $((rss / 1024)) | tee "$BENCH_DIR/results/footprint.txt"
