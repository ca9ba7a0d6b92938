#!/usr/bin/env bash
# Write benchmark: PUT of a MONTH_3 assessment (real token, validation, row lock, upsert, audit) under
# wrk at 32 connections, against pgbench running the same SQL (lock, upsert, audit insert; one
# transaction each) at 32 clients. A then B, RUNS times; medians, ratio and the service's p99.
# The service runs with HEAP (default 256m: its steady-state need; the import benchmark uses 512m).
#   bash bench/writes.sh        # DURATION=30 RUNS=3 CONNECTIONS=32 WARMUP=60
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; CONNECTIONS=${CONNECTIONS:-32}
ensure_tools; build_jar; ensure_database; reset_database
trap stop_service EXIT
start_service "${HEAP:-256m}"
COUNT=$(seed_procedures 1000 | tail -1)
echo "procedures available: $COUNT"
CLINICIAN=$(token admin)

cat > "$BENCH_DIR/results/put.lua" <<LUA
local ids = {}
for line in io.lines("$BENCH_DIR/results/procedures.txt") do
  local id, performed = line:match("([^,]+),([^,]+)")
  ids[#ids + 1] = { id = id, performed = performed }
end
math.randomseed(os.time())
request = function()
  local p = ids[math.random(#ids)]
  local y, m, d = p.performed:match("(%d+)-(%d+)-(%d+)")
  local assessed = os.date("%Y-%m-%d", os.time({ year = y, month = m, day = d, hour = 12 }) + 90 * 86400)
  local body = string.format('{"assessedOn":"%s","painNrs":%d,"mobilityFac":%d}', assessed, math.random(0, 10), math.random(0, 5))
  return wrk.format("PUT", "/api/v1/procedures/" .. p.id .. "/assessments/MONTH_3",
    { ["Authorization"] = "Bearer $CLINICIAN", ["Content-Type"] = "application/json" }, body)
end
LUA
psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -F, -c "select id, performed_on from bench_procedure" > "$BENCH_DIR/results/procedures.txt"

cat > "$BENCH_DIR/results/put.sql" <<SQL
\set n random(1, $COUNT)
\set pain random(0, 10)
\set fac random(0, 5)
begin;
select id as pid, performed_on + 90 as assessed from procedure where id = (select id from bench_procedure where n = :n) for update \gset
insert into assessment as a (id, procedure_id, timepoint, assessed_on, day_offset, within_window, pain_nrs, mobility_fac,
                             version, created_at, updated_at)
values (gen_random_uuid(), ':pid', 'MONTH_3', ':assessed', 90, true, :pain, :fac, 1, now(), now())
on conflict (procedure_id, timepoint) do update
  set assessed_on = excluded.assessed_on, day_offset = 90, within_window = true, pain_nrs = excluded.pain_nrs,
      mobility_fac = excluded.mobility_fac, odi = null, rmdq = null, eq5d_index = null,
      version = a.version + 1, updated_at = now()
returning id as aid, version as aversion \gset
insert into audit_entry (at, user_name, action, entity_type, entity_id, before, after)
values (now(), 'bench', 'UPDATE', 'ASSESSMENT', ':aid', null,
        jsonb_build_object('id', ':aid', 'painNrs', :pain, 'mobilityFac', :fac, 'version', :aversion));
commit;
SQL

# Warm-up, not measured: the JIT compiles the hot paths first (on 2 cores the service is still speeding up after a minute of load).
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-60}s" -s "$BENCH_DIR/results/put.lua" "http://127.0.0.1:$PORT" > /dev/null
service=(); sql=(); p99=()
cpu=()
for run in $(seq 1 "$RUNS"); do
  before=$(cpu_ms "$SERVICE_PID")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/results/put.lua" "http://127.0.0.1:$PORT" \
    > "$BENCH_DIR/results/writes-wrk-$run.txt"
  errors=$(grep -E "Non-2xx|Socket errors" "$BENCH_DIR/results/writes-wrk-$run.txt" || true)
  [ -z "$errors" ] || { echo "the service answered errors: $errors"; exit 1; }
  requests=$(awk '/requests in/ {print $1}' "$BENCH_DIR/results/writes-wrk-$run.txt")
  cpu+=("$(awk -v a="$before" -v b="$(cpu_ms "$SERVICE_PID")" -v n="$requests" 'BEGIN { print (b - a) / n }')")
  service+=("$(wrk_rate "$BENCH_DIR/results/writes-wrk-$run.txt")"); p99+=("$(wrk_p99_ms "$BENCH_DIR/results/writes-wrk-$run.txt")")
  pgbench -n -h 127.0.0.1 -U postgres -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$BENCH_DIR/results/put.sql" "$BENCH_DB" \
    > "$BENCH_DIR/results/writes-pgbench-$run.txt" 2>&1
  sql+=("$(pgbench_tps "$BENCH_DIR/results/writes-pgbench-$run.txt")")
  echo "run $run: service ${service[-1]} req/s (p99 ${p99[-1]} ms, JVM CPU ${cpu[-1]} ms/request) ${errors:+[$errors]}; pgbench ${sql[-1]} tps"
done
RSS=$(ps -o rss= -p "$SERVICE_PID" | tr -d ' ')
s=$(printf '%s\n' "${service[@]}" | median); q=$(printf '%s\n' "${sql[@]}" | median); l=$(printf '%s\n' "${p99[@]}" | median)
printf 'writes: median service %.0f req/s, median pgbench %.0f tps, ratio %.2f (target >= 0.6); median p99 %.1f ms (target <= 100); service RSS %d MB (target <= 400)\n' \
  "$s" "$q" "$(awk -v a="$s" -v b="$q" 'BEGIN { print a / b }')" "$l" $((RSS / 1024)) | tee "$BENCH_DIR/results/writes.txt"
