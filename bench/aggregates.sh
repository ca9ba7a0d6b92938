#!/usr/bin/env bash
# Aggregate benchmark: mobility-recovery?groupBy=indication on about 1,000,000 procedures (the demo
# cohort generator) against one hand-written SQL query computing the same counts in psql.
# The registry is loaded straight into the tables with SQL (not through the service: this measures
# the query, not the import); it is kept between runs unless RELOAD=1.
#   bash bench/aggregates.sh     # PATIENTS=960000 REPEAT=7
source "$(dirname "$0")/lib.sh"
PATIENTS=${PATIENTS:-960000}; REPEAT=${REPEAT:-7}
BENCH_DB=${AGG_DB:-kypho_agg}
ensure_tools; build_jar; ensure_database
trap stop_service EXIT
start_service 512m
loaded=$(psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -c "select count(*) from procedure")
if [ "${RELOAD:-0}" = 1 ] || [ "$loaded" -lt 100000 ]; then
  FILE="$BENCH_DIR/data/cohort-$PATIENTS.csv"
  [ -f "$FILE" ] || java -cp "$ROOT/target/classes" org.kyphoplasty.demo.DemoCohort --patients "$PATIENTS" --seed 42 \
    --today 2026-11-23 --out "$FILE" 2>/dev/null
  echo "loading $FILE"
  psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -v ON_ERROR_STOP=1 -q <<SQL
truncate assessment, procedure, patient;
drop table if exists staging;
create unlogged table staging (site text, external_ref text, birth_year int, sex text, type text, performed_on date,
  indication text, levels text, timepoint text, assessed_on date, pain_nrs smallint, mobility_fac smallint,
  odi smallint, rmdq smallint, eq5d_index numeric(4,3));
\copy staging from '$FILE' with (format csv, header true)
insert into patient (id, site, external_ref, birth_year, sex, created_at)
  select gen_random_uuid(), site, external_ref, min(birth_year), min(sex), now() from staging group by site, external_ref;
insert into procedure (id, patient_id, site, type, performed_on, indication, levels, age_at_procedure, created_at)
  select gen_random_uuid(), p.id, s.site, s.type, s.performed_on, min(s.indication), string_to_array(min(s.levels), ';'),
         extract(year from s.performed_on)::int - p.birth_year, now()
  from staging s join patient p on p.site = s.site and p.external_ref = s.external_ref
  group by p.id, s.site, s.type, s.performed_on, p.birth_year;
insert into assessment (id, procedure_id, timepoint, assessed_on, day_offset, within_window, pain_nrs, mobility_fac, odi,
                        rmdq, eq5d_index, version, created_at, updated_at)
  select gen_random_uuid(), pr.id, s.timepoint, s.assessed_on, s.assessed_on - s.performed_on,
         case s.timepoint when 'WEEK_1' then d between 3 and 14 when 'MONTH_1' then d between 21 and 45
                          when 'MONTH_3' then d between 70 and 110 when 'MONTH_6' then d between 150 and 210
                          when 'MONTH_12' then d between 330 and 400 when 'MONTH_24' then d between 690 and 770 else true end,
         s.pain_nrs, s.mobility_fac, s.odi, s.rmdq, s.eq5d_index, 1, now(), now()
  from (select *, assessed_on - performed_on as d from staging) s
  join patient p on p.site = s.site and p.external_ref = s.external_ref
  join procedure pr on pr.patient_id = p.id and pr.type = s.type and pr.performed_on = s.performed_on;
drop table staging;
vacuum analyze patient; vacuum analyze procedure; vacuum analyze assessment;
SQL
fi
psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -c "select 'procedures: ' || count(*) from procedure"
psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -c "select 'assessments: ' || count(*) from assessment"

# The hand-written query: the same counts, as a DBA would write them.
cat > "$BENCH_DIR/results/aggregate.sql" <<'SQL'
select p.indication,
       count(*) filter (where pre.mobility_fac is null or base.mobility_fac is null) as incomplete_baseline,
       count(*) filter (where base.mobility_fac >= pre.mobility_fac) as no_loss,
       count(*) filter (where base.mobility_fac < pre.mobility_fac) as eligible,
       count(*) filter (where base.mobility_fac < pre.mobility_fac and fu.mobility_fac is not null) as followed_up,
       count(*) filter (where base.mobility_fac < pre.mobility_fac and fu.mobility_fac >= pre.mobility_fac) as regained
from procedure p
left join assessment pre on pre.procedure_id = p.id and pre.timepoint = 'PRE_FRACTURE'
left join assessment base on base.procedure_id = p.id and base.timepoint = 'BASELINE'
left join assessment fu on fu.procedure_id = p.id and fu.timepoint = 'MONTH_3' and fu.within_window
where p.type = 'KYPHOPLASTY'
group by rollup (p.indication);
SQL
ANALYST=$(token analyst)
URL="http://127.0.0.1:$PORT/api/v1/outcomes/mobility-recovery?timepoint=MONTH_3&groupBy=indication"
service=(); sql=()
curl -sf -o /dev/null -H "Authorization: Bearer $ANALYST" "$URL"   # warm-up
psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt -f "$BENCH_DIR/results/aggregate.sql" > /dev/null
for run in $(seq 1 "$REPEAT"); do
  service+=("$(curl -sf -o "$BENCH_DIR/results/aggregate-response.json" -w '%{time_total}' -H "Authorization: Bearer $ANALYST" "$URL" | awk '{print $1 * 1000}')")
  sql+=("$( (echo '\timing on'; cat "$BENCH_DIR/results/aggregate.sql") | psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -qAt \
    | awk '/^Time:/ {print $2}')")
  echo "run $run: service ${service[-1]} ms, SQL ${sql[-1]} ms"
done
s=$(printf '%s\n' "${service[@]}" | median); q=$(printf '%s\n' "${sql[@]}" | median)
printf 'aggregates: median service %.0f ms, median hand-written SQL %.0f ms, ratio %.2f (target <= 1.5)\n' \
  "$s" "$q" "$(awk -v a="$s" -v b="$q" 'BEGIN { print a / b }')" | tee "$BENCH_DIR/results/aggregates.txt"
head -c 400 "$BENCH_DIR/results/aggregate-response.json"; echo
