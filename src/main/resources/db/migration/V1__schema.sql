-- Schema of the kyphoplasty outcomes registry. The rules of DOMAIN.md are checked by the service
-- and again here: the database is the last line of defence for the data.

create function is_valid_levels(levels text[]) returns boolean
    language sql immutable strict as
$$
select cardinality(levels) between 1 and 10
   and levels <@ array['C1','C2','C3','C4','C5','C6','C7',
                       'T1','T2','T3','T4','T5','T6','T7','T8','T9','T10','T11','T12',
                       'L1','L2','L3','L4','L5','S1','S2','S3','S4','S5']::text[]
   and cardinality(levels) = (select count(distinct l) from unnest(levels) l)
$$;

create table patient (
    id           uuid primary key,
    site         varchar(16) not null check (site ~ '^[A-Z0-9_-]{2,16}$'),
    external_ref varchar(64) not null check (length(external_ref) between 1 and 64 and external_ref !~ '[[:cntrl:]]'),
    birth_year   smallint    not null check (birth_year >= 1900),
    sex          varchar(8)  not null check (sex in ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    created_at   timestamptz not null,
    constraint patient_site_external_ref_key unique (site, external_ref)
);

create table procedure (
    id               uuid primary key,
    patient_id       uuid         not null references patient (id),
    -- copied from the patient (never changes): scopes every query by site without a join and is
    -- the distribution key when the registry is sharded by site
    site             varchar(16)  not null,
    type             varchar(16)  not null check (type in ('KYPHOPLASTY', 'VERTEBROPLASTY', 'NON_SURGICAL')),
    performed_on     date         not null,
    indication       varchar(16)  not null check (indication in
                         ('OSTEOPOROSIS', 'MALIGNANCY', 'STEROID_INDUCED', 'METABOLIC', 'TRAUMA', 'OTHER')),
    levels           text[]       not null check (is_valid_levels(levels)),
    fracture_onset   date check (fracture_onset <= performed_on),
    cement_volume_ml numeric(5, 2) check (cement_volume_ml between 0 and 50),
    -- age at procedure in whole years (year of procedure - birth year), kept for age bands
    age_at_procedure smallint     not null check (age_at_procedure >= 0),
    created_at       timestamptz  not null,
    constraint procedure_patient_type_performed_on_key unique (patient_id, type, performed_on),
    constraint procedure_no_cement_without_surgery check (type <> 'NON_SURGICAL' or cement_volume_ml is null)
);

create table assessment (
    id            uuid primary key,
    procedure_id  uuid         not null references procedure (id),
    timepoint     varchar(16)  not null check (timepoint in
                      ('PRE_FRACTURE', 'BASELINE', 'WEEK_1', 'MONTH_1', 'MONTH_3', 'MONTH_6', 'MONTH_12', 'MONTH_24')),
    assessed_on   date         not null,
    -- assessed_on - performed_on, in days: negative for PRE_FRACTURE and BASELINE
    day_offset    integer      not null,
    within_window boolean      not null,
    pain_nrs      smallint check (pain_nrs between 0 and 10),
    mobility_fac  smallint check (mobility_fac between 0 and 5),
    odi           smallint check (odi between 0 and 100),
    rmdq          smallint check (rmdq between 0 and 24),
    eq5d_index    numeric(4, 3) check (eq5d_index between -1 and 1),
    version       integer      not null check (version >= 1),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    constraint assessment_procedure_timepoint_key unique (procedure_id, timepoint),
    constraint assessment_has_a_score check (num_nonnulls(pain_nrs, mobility_fac, odi, rmdq, eq5d_index) >= 1),
    constraint assessment_before_treatment check (
        (timepoint = 'PRE_FRACTURE' and day_offset <= 0)
        or (timepoint = 'BASELINE' and day_offset between -30 and 0)
        or (timepoint not in ('PRE_FRACTURE', 'BASELINE') and day_offset > 0))
);

create index procedure_patient_idx on procedure (patient_id);
create index procedure_type_performed_on_idx on procedure (type, performed_on);

-- bigint ids from a sequence: the audit index grows at its right edge (bulk imports write a million
-- entries in one statement; random UUID keys would scatter them over the whole index)
create table audit_entry (
    id          bigint generated always as identity (cache 1000) primary key,
    at          timestamptz not null,
    user_name   varchar(256) not null,
    action      varchar(8)   not null check (action in ('CREATE', 'UPDATE', 'DELETE', 'IMPORT')),
    entity_type varchar(16)  not null,
    entity_id   uuid         not null,
    before      jsonb,
    after       jsonb
);

create index audit_entry_entity_idx on audit_entry (entity_id, at desc);
create index audit_entry_at_idx on audit_entry (at desc);

-- The audit trail is append-only: the database refuses any change to it, whoever asks.
create function refuse_audit_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function refuse_audit_change();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function refuse_audit_change();
