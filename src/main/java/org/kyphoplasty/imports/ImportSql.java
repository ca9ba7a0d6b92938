package org.kyphoplasty.imports;

/**
 * The SQL of the import. Each write statement takes (1) the import's timestamp and (2) the user,
 * writes one audit entry (action IMPORT) per entity it changed, and returns how many it changed.
 */
final class ImportSql {

    static final String CREATE_STAGING = """
            create temporary table import_row (
                line bigint not null, site text not null, external_ref text not null, birth_year int not null,
                sex text not null, type text not null, performed_on date not null, indication text not null,
                levels text[] not null, timepoint text not null, assessed_on date not null, day_offset int not null,
                within_window boolean not null, pain_nrs smallint, mobility_fac smallint, odi smallint,
                rmdq smallint, eq5d_index numeric(4, 3)
            ) on commit drop
            """;

    static final String COPY_STAGING = "copy import_row from stdin (format csv)";

    /** Rules that need the whole file or the stored data: (line, field, message), first lines first. */
    static final String CROSS_ROW_CHECKS = """
            with ordered as (
                select r.*,
                       min(line) over (partition by site, external_ref, type, performed_on, timepoint) as first_assessment,
                       first_value(line) over patient as patient_line,
                       first_value(birth_year) over patient as patient_birth_year,
                       first_value(sex) over patient as patient_sex,
                       first_value(line) over procedure as procedure_line,
                       first_value(indication) over procedure as procedure_indication,
                       first_value(levels) over procedure as procedure_levels
                from import_row r
                window patient as (partition by site, external_ref order by line),
                       procedure as (partition by site, external_ref, type, performed_on order by line)
            ), problems as (
                select line, 'timepoint' as field,
                       'repeats the ' || timepoint || ' assessment of line ' || first_assessment as message
                from ordered where line <> first_assessment
                union all
                select line, 'birthYear', 'differs from line ' || patient_line || ' for the same patient'
                from ordered where birth_year <> patient_birth_year
                union all
                select line, 'sex', 'differs from line ' || patient_line || ' for the same patient'
                from ordered where sex <> patient_sex
                union all
                select line, 'indication', 'differs from line ' || procedure_line || ' for the same procedure'
                from ordered where indication <> procedure_indication
                union all
                select line, 'levels', 'differ from line ' || procedure_line || ' for the same procedure'
                from ordered where levels <> procedure_levels
                union all
                select r.line, 'birthYear', 'differs from the stored patient (' || p.birth_year || ')'
                from import_row r join patient p on p.site = r.site and p.external_ref = r.external_ref
                where p.birth_year <> r.birth_year
                union all
                select r.line, 'sex', 'differs from the stored patient (' || p.sex || ')'
                from import_row r join patient p on p.site = r.site and p.external_ref = r.external_ref
                where p.sex <> r.sex
                union all
                select r.line, 'indication', 'differs from the stored procedure (' || pr.indication || ')'
                from import_row r
                join patient p on p.site = r.site and p.external_ref = r.external_ref
                join procedure pr on pr.patient_id = p.id and pr.type = r.type and pr.performed_on = r.performed_on
                where pr.indication <> r.indication
                union all
                select r.line, 'levels', 'differ from the stored procedure (' || array_to_string(pr.levels, ';') || ')'
                from import_row r
                join patient p on p.site = r.site and p.external_ref = r.external_ref
                join procedure pr on pr.patient_id = p.id and pr.type = r.type and pr.performed_on = r.performed_on
                where pr.levels <> r.levels
            )
            select line, field, message from problems order by line, field limit 1000
            """;

    static final String INSERT_PATIENTS = """
            with params as (select cast(? as timestamptz) as at, cast(? as text) as user_name),
            fresh as (
                select distinct on (site, external_ref) site, external_ref, birth_year, sex
                from import_row order by site, external_ref, line
            ), created as (
                insert into patient (id, site, external_ref, birth_year, sex, created_at)
                select gen_random_uuid(), site, external_ref, birth_year, sex, (select at from params) from fresh
                on conflict (site, external_ref) do nothing
                returning *
            ), audited as (
                insert into audit_entry (at, user_name, action, entity_type, entity_id, before, after)
                select created_at, (select user_name from params), 'IMPORT', 'PATIENT', id, null,
                       jsonb_build_object('id', id, 'site', site, 'externalRef', external_ref,
                                          'birthYear', birth_year, 'sex', sex, 'createdAt', created_at)
                from created
            )
            select count(*) from created
            """;

    static final String INSERT_PROCEDURES = """
            with params as (select cast(? as timestamptz) as at, cast(? as text) as user_name),
            fresh as (
                select distinct on (p.id, r.type, r.performed_on)
                       p.id as patient_id, p.site, p.birth_year, r.type, r.performed_on, r.indication, r.levels
                from import_row r join patient p on p.site = r.site and p.external_ref = r.external_ref
                order by p.id, r.type, r.performed_on, r.line
            ), created as (
                insert into procedure (id, patient_id, site, type, performed_on, indication, levels,
                                       age_at_procedure, created_at)
                select gen_random_uuid(), patient_id, site, type, performed_on, indication, levels,
                       extract(year from performed_on)::int - birth_year, (select at from params)
                from fresh
                on conflict (patient_id, type, performed_on) do nothing
                returning *
            ), audited as (
                insert into audit_entry (at, user_name, action, entity_type, entity_id, before, after)
                select created_at, (select user_name from params), 'IMPORT', 'PROCEDURE', id, null,
                       jsonb_build_object('id', id, 'patientId', patient_id, 'site', site, 'type', type,
                                          'performedOn', performed_on, 'indication', indication,
                                          'levels', to_jsonb(levels), 'createdAt', created_at)
                from created
            )
            select count(*) from created
            """;

    private static final String TARGETS = """
            select r.*, pr.id as procedure_id
            from import_row r
            join patient p on p.site = r.site and p.external_ref = r.external_ref
            join procedure pr on pr.patient_id = p.id and pr.type = r.type and pr.performed_on = r.performed_on
            """;

    private static String assessmentJson(String alias) {
        return ("jsonb_build_object('id', A.id, 'procedureId', A.procedure_id, 'timepoint', A.timepoint, "
                + "'assessedOn', A.assessed_on, 'dayOffset', A.day_offset, 'withinWindow', A.within_window, "
                + "'painNrs', A.pain_nrs, 'mobilityFac', A.mobility_fac, 'odi', A.odi, 'rmdq', A.rmdq, "
                + "'eq5dIndex', A.eq5d_index, 'version', A.version, 'createdAt', A.created_at, "
                + "'updatedAt', A.updated_at)").replace("A.", alias + ".");
    }

    /** Existing assessments whose values differ are replaced; identical ones are left alone. */
    static final String REPLACE_CHANGED_ASSESSMENTS = """
            with params as (select cast(? as timestamptz) as at, cast(? as text) as user_name),
            targets as (%s), changed as (
                select a.id, %s as before, t.assessed_on, t.day_offset, t.within_window, t.pain_nrs,
                       t.mobility_fac, t.odi, t.rmdq, t.eq5d_index
                from targets t
                join assessment a on a.procedure_id = t.procedure_id and a.timepoint = t.timepoint
                where (a.assessed_on, a.pain_nrs, a.mobility_fac, a.odi, a.rmdq, a.eq5d_index)
                      is distinct from (t.assessed_on, t.pain_nrs, t.mobility_fac, t.odi, t.rmdq, t.eq5d_index)
                for update of a
            ), updated as (
                update assessment a
                set assessed_on = c.assessed_on, day_offset = c.day_offset, within_window = c.within_window,
                    pain_nrs = c.pain_nrs, mobility_fac = c.mobility_fac, odi = c.odi, rmdq = c.rmdq,
                    eq5d_index = c.eq5d_index, version = a.version + 1, updated_at = (select at from params)
                from changed c
                where a.id = c.id
                returning a.*, c.before
            ), audited as (
                insert into audit_entry (at, user_name, action, entity_type, entity_id, before, after)
                select u.updated_at, (select user_name from params), 'IMPORT', 'ASSESSMENT', u.id,
                       u.before, %s
                from updated u
            )
            select count(*) from updated
            """.formatted(TARGETS, assessmentJson("a"), assessmentJson("u"));

    static final String INSERT_ASSESSMENTS = """
            with params as (select cast(? as timestamptz) as at, cast(? as text) as user_name),
            targets as (%s), created as (
                insert into assessment (id, procedure_id, timepoint, assessed_on, day_offset, within_window,
                                        pain_nrs, mobility_fac, odi, rmdq, eq5d_index, version, created_at, updated_at)
                select gen_random_uuid(), t.procedure_id, t.timepoint, t.assessed_on, t.day_offset, t.within_window,
                       t.pain_nrs, t.mobility_fac, t.odi, t.rmdq, t.eq5d_index, 1, (select at from params),
                       (select at from params)
                from targets t
                where not exists (select 1 from assessment a
                                  where a.procedure_id = t.procedure_id and a.timepoint = t.timepoint)
                on conflict (procedure_id, timepoint) do nothing
                returning *
            ), audited as (
                insert into audit_entry (at, user_name, action, entity_type, entity_id, before, after)
                select c.created_at, (select user_name from params), 'IMPORT', 'ASSESSMENT', c.id, null, %s
                from created c
            )
            select count(*) from created
            """.formatted(TARGETS, assessmentJson("c"));

    private ImportSql() {
    }
}
