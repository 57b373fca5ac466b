-- Timeline export (GET /api/timeline): one query over incidents, custody changes, charges, figures and sources.
-- The existing indexes cover the per-person, per-organisation and per-incident lookups and the citation
-- aggregation (citation_fact_idx); these add the ones the timeline filters need and V1 lacks.

-- Custody starts and ends are separate events, filtered and ordered by their own day bounds.
create index custody_period_start_idx on custody_period (start_lower, start_upper) where start_edtf is not null;
create index custody_period_end_idx on custody_period (end_lower, end_upper) where end_edtf is not null;

-- incident=... also matches the charges brought in that incident (charge_incident_idx, from V2).
create index charge_date_idx on charge (date_lower, date_upper) where date_edtf is not null;
