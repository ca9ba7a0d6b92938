-- The two database roles of the kyphoplasty outcomes service, for dev machines and CI. Idempotent.
-- Run as a superuser, after the databases exist:
--   psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -f dev/db/roles.sql
--
--   kyphoplasty_owner  runs the Flyway migrations and owns the schema and its tables
--                      (quarkus.flyway.username / QUARKUS_FLYWAY_USERNAME)
--   kyphoplasty_app    the service's own connections (quarkus.datasource.username): may read and
--                      write the registry tables, may only read and append to audit_entry, and
--                      can alter, disable triggers on, truncate or drop nothing
--
-- The passwords are DEV-ONLY placeholders (needed where pg_hba asks for scram on 127.0.0.1).
-- Production roles get their own secrets (see README.md, "Database roles").
do $$
begin
    if not exists (select from pg_roles where rolname = 'kyphoplasty_owner') then
        create role kyphoplasty_owner login password 'dev-only-owner-password';
    end if;
    if not exists (select from pg_roles where rolname = 'kyphoplasty_app') then
        create role kyphoplasty_app login password 'dev-only-app-password';
    end if;
end
$$;
alter role kyphoplasty_owner nosuperuser nocreatedb nocreaterole nobypassrls;
alter role kyphoplasty_app nosuperuser nocreatedb nocreaterole nobypassrls;

-- The owner creates the schema (Flyway) in the dev database (postgres) and the test database.
do $$
declare
    db text;
begin
    foreach db in array array['postgres', 'test'] loop
        if exists (select from pg_database where datname = db) then
            execute format('grant connect, create, temporary on database %I to kyphoplasty_owner', db);
            execute format('grant connect, temporary on database %I to kyphoplasty_app', db);
        end if;
    end loop;
end
$$;
