#!/usr/bin/env bash
# Import benchmark: the demo cohort CSV (about 1,000,000 rows by default) through POST /api/v1/imports
# into a service started with -Xmx512m, against `psql \copy` of the same file into a bare table.
# A then B, alternating, RUNS times each on an empty database; prints both rates, the medians and the ratio.
#   bash bench/import.sh            # PATIENTS=170000 RUNS=3
source "$(dirname "$0")/lib.sh"
PATIENTS=${PATIENTS:-170000}
RUNS=${RUNS:-3}
build_jar
ensure_database
FILE="$BENCH_DIR/data/cohort-$PATIENTS.csv"
[ -f "$FILE" ] || java -cp "$ROOT/target/classes" org.kyphoplasty.demo.DemoCohort --patients "$PATIENTS" --seed 42 \
  --today 2026-11-23 --out "$FILE" 2>/dev/null
ROWS=$(( $(wc -l < "$FILE") - 1 ))
echo "file: $FILE ($ROWS rows, $(du -h "$FILE" | cut -f1))"
trap stop_service EXIT

service_rates=(); copy_rates=()
for run in $(seq 1 "$RUNS"); do
  reset_database
  start_service 512m
  ADMIN=$(token admin)
  start=$(date +%s.%N)
  status=$(curl -s -o "$BENCH_DIR/results/import-response.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/csv' --data-binary @"$FILE" \
    "http://127.0.0.1:$PORT/api/v1/imports")
  end=$(date +%s.%N)
  rss=$(ps -o rss= -p "$SERVICE_PID" | tr -d ' ')
  stop_service
  [ "$status" = 200 ] || { echo "import failed: $status $(head -c 600 "$BENCH_DIR/results/import-response.json")"; exit 1; }
  rate=$(awk -v r="$ROWS" -v s="$start" -v e="$end" 'BEGIN { print r / (e - s) }')
  service_rates+=("$rate")
  printf 'run %d service: %.1f s, %.0f rows/s, RSS %d MB, %s\n' "$run" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$rate" \
    $((rss / 1024)) "$(cat "$BENCH_DIR/results/import-response.json")"

  psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qc "drop table if exists bare_import; create table bare_import (
    site text, external_ref text, birth_year int, sex text, procedure_type text, performed_on date, indication text,
    levels text, timepoint text, assessed_on date, pain_nrs int, mobility_fac int, odi int, rmdq int, eq5d_index numeric)"
  start=$(date +%s.%N)
  psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qc "\\copy bare_import from '$FILE' with (format csv, header true)"
  end=$(date +%s.%N)
  rate=$(awk -v r="$ROWS" -v s="$start" -v e="$end" 'BEGIN { print r / (e - s) }')
  copy_rates+=("$rate")
  printf 'run %d psql \\copy: %.1f s, %.0f rows/s\n' "$run" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$rate"
done
service=$(printf '%s\n' "${service_rates[@]}" | median)
copy=$(printf '%s\n' "${copy_rates[@]}" | median)
printf 'median service import: %.0f rows/s; median psql \\copy: %.0f rows/s; ratio %.2f (target >= 0.30, and >= 20000 rows/s)\n' \
  "$service" "$copy" "$(awk -v a="$service" -v b="$copy" 'BEGIN { print a / b }')" | tee "$BENCH_DIR/results/import.txt"
