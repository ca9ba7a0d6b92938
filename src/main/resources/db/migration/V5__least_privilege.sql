-- Least privilege. Migrations run as the schema owner (quarkus.flyway.username); the service
-- connects as ${app_role} (quarkus.datasource.username), which may read and write the registry
-- but may only read and append to the audit trail: no UPDATE, DELETE or TRUNCATE on audit_entry,
-- and, not being the owner, it can neither ALTER (disable the append-only triggers), nor DROP
-- anything. When the service connects as the owner itself (a single-role install), nothing is
-- granted or revoked here, and the triggers remain the only guard.
do $$
declare
    app    text := '${app_role}';
    target text := '${flyway:defaultSchema}';
begin
    if app = current_user then
        raise notice 'the service connects as the schema owner %; no separate privileges', app;
        return;
    end if;
    execute format('grant usage on schema %I to %I', target, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', target, app);
    execute format('grant usage on all sequences in schema %I to %I', target, app);
    execute format('revoke all on %I.audit_entry from %I', target, app);
    execute format('grant select, insert on %I.audit_entry to %I', target, app);
    execute format('revoke all on %I.flyway_schema_history from %I', target, app);
    -- tables of later migrations: the same read-write grants (restrict them there if needed)
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
                   target, app);
    execute format('alter default privileges in schema %I grant usage on sequences to %I', target, app);
end
$$;

-- Fresh planner statistics after a bulk import. ANALYZE needs the owner (PostgreSQL 15); this
-- function runs as the owner and analyzes only the registry's tables.
create function analyze_registry_table(name text) returns void
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
begin
    if name not in ('patient', 'procedure', 'assessment') then
        raise exception 'not a registry table: %', name using errcode = 'invalid_parameter_value';
    end if;
    execute format('analyze %I', name);
end
$$;
revoke all on function analyze_registry_table(text) from public;
do $$
begin
    if '${app_role}' <> current_user then
        execute format('grant execute on function analyze_registry_table(text) to %I', '${app_role}');
    end if;
end
$$;
