-- Disclosure control for analysts perturbs every published count by a small amount that depends only on which
-- patients the count covers (the ABS "cell key" method): the sum of the patients' random keys, modulo 2^32. The key is
-- drawn once per patient, never leaves the database, and cannot be derived from anything an analyst sees.
alter table patient add column cell_key bigint not null default floor(random() * 4294967296);

-- Reads of aggregates and exports are audited too: action READ, the query as entity (a fresh id per query), and in
-- "after" the endpoint, its parameters and the number of patients it covered.
alter table audit_entry drop constraint audit_entry_action_check;
alter table audit_entry add constraint audit_entry_action_check
    check (action in ('CREATE', 'UPDATE', 'DELETE', 'IMPORT', 'READ'));
create index audit_entry_action_at_idx on audit_entry (action, at desc);
