#!/usr/bin/env bash
# Read benchmark: GET of a procedure with its assessments (real token, site check) under wrk at 32
# connections, against pgbench doing the same selects at 32 clients. A then B, RUNS times.
#   bash bench/reads.sh        # DURATION=30 RUNS=3 CONNECTIONS=32 WARMUP=60
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; CONNECTIONS=${CONNECTIONS:-32}
ensure_tools; build_jar; ensure_database; reset_database
trap stop_service EXIT
start_service "${HEAP:-256m}"
COUNT=$(seed_procedures 1000 | tail -1)
TOKEN=$(token admin)
psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -c "select id from bench_procedure" > "$BENCH_DIR/results/read-ids.txt"
cat > "$BENCH_DIR/results/get.lua" <<LUA
local ids = {}
for line in io.lines("$BENCH_DIR/results/read-ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/procedures/" .. ids[math.random(#ids)], { ["Authorization"] = "Bearer $TOKEN" })
end
LUA
cat > "$BENCH_DIR/results/get.sql" <<SQL
\set n random(1, $COUNT)
select p.* from procedure p where p.id = (select id from bench_procedure where n = :n);
select a.* from assessment a where a.procedure_id = (select id from bench_procedure where n = :n);
SQL
# Warm-up, not measured: the JIT compiles the hot paths first (on 2 cores the service is still speeding up after a minute of load).
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-60}s" -s "$BENCH_DIR/results/get.lua" "http://127.0.0.1:$PORT" > /dev/null
service=(); sql=(); p99=()
cpu=()
for run in $(seq 1 "$RUNS"); do
  before=$(cpu_ms "$SERVICE_PID")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/results/get.lua" "http://127.0.0.1:$PORT" \
    > "$BENCH_DIR/results/reads-wrk-$run.txt"
  ! grep -qE "Non-2xx|Socket errors" "$BENCH_DIR/results/reads-wrk-$run.txt" || { echo "the service answered errors"; exit 1; }
  requests=$(awk '/requests in/ {print $1}' "$BENCH_DIR/results/reads-wrk-$run.txt")
  cpu+=("$(awk -v a="$before" -v b="$(cpu_ms "$SERVICE_PID")" -v n="$requests" 'BEGIN { print (b - a) / n }')")
  service+=("$(wrk_rate "$BENCH_DIR/results/reads-wrk-$run.txt")"); p99+=("$(wrk_p99_ms "$BENCH_DIR/results/reads-wrk-$run.txt")")
  pgbench -n -h 127.0.0.1 -U postgres -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$BENCH_DIR/results/get.sql" "$BENCH_DB" \
    > "$BENCH_DIR/results/reads-pgbench-$run.txt" 2>&1
  sql+=("$(pgbench_tps "$BENCH_DIR/results/reads-pgbench-$run.txt")")
  echo "run $run: service ${service[-1]} req/s (p99 ${p99[-1]} ms, JVM CPU ${cpu[-1]} ms/request); pgbench ${sql[-1]} tps"
done
s=$(printf '%s\n' "${service[@]}" | median); q=$(printf '%s\n' "${sql[@]}" | median); l=$(printf '%s\n' "${p99[@]}" | median)
printf 'reads: median service %.0f req/s, median pgbench %.0f tps, ratio %.2f (target >= 0.6); median p99 %.1f ms\n' \
  "$s" "$q" "$(awk -v a="$s" -v b="$q" 'BEGIN { print a / b }')" "$l" | tee "$BENCH_DIR/results/reads.txt"
