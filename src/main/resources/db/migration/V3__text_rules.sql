-- One rule for free text, the same as the service's org.kyphoplasty.common.TextRule (a test compares
-- the two over a set of samples): 1 to max_length characters (code points, as varchar(n) counts),
-- no control characters (C0 U+0001-U+001F, DEL and C1 U+007F-U+009F; U+0000 cannot be stored in
-- text at all), no noncharacters (U+FDD0-U+FDEF and the last two code points of every plane),
-- Unicode NFC. The regular expression names code points, so unlike [[:cntrl:]] it does not depend
-- on the database's locale (under C.UTF-8, [[:cntrl:]] also refuses U+2028, which Java accepts).
create function is_valid_text(value text, max_length integer) returns boolean
    language sql immutable strict parallel safe as
$$
select length(value) between 1 and max_length
   and value !~ '[\x01-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF\U0001FFFE\U0001FFFF\U0002FFFE\U0002FFFF\U0003FFFE\U0003FFFF\U0004FFFE\U0004FFFF\U0005FFFE\U0005FFFF\U0006FFFE\U0006FFFF\U0007FFFE\U0007FFFF\U0008FFFE\U0008FFFF\U0009FFFE\U0009FFFF\U000AFFFE\U000AFFFF\U000BFFFE\U000BFFFF\U000CFFFE\U000CFFFF\U000DFFFE\U000DFFFF\U000EFFFE\U000EFFFF\U000FFFFE\U000FFFFF\U0010FFFE\U0010FFFF]'
   and value is nfc normalized
$$;

alter table patient drop constraint patient_external_ref_check;

-- NOT VALID first, then validated separately: a database holding rows written before this rule
-- (say a reference in NFD) still starts, with a warning naming the constraint, instead of failing
-- the migration; new and changed rows are checked either way. Find such rows with
--   select id from patient where not is_valid_text(external_ref, 64);
alter table patient add constraint patient_external_ref_text check (is_valid_text(external_ref, 64)) not valid;

do $$
begin
    alter table patient validate constraint patient_external_ref_text;
exception when check_violation then
    raise warning 'patient_external_ref_text: some stored external_ref values break the text rule; new rows are checked, the old ones are not (see V3__text_rules.sql)';
end
$$;
