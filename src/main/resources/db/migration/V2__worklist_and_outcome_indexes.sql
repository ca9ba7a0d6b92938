-- The follow-up worklist reads one site's procedures in a date range.
create index procedure_site_performed_on_idx on procedure (site, performed_on);
