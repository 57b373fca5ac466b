-- Name search (GET /api/persons?q=) finds its matches among plain keys (a-z, 0-9 and spaces) in the service's own
-- name index (NameIndex); the names whose keys hold anything else (Khmer script, letters unaccent leaves as they
-- are) it leaves to PostgreSQL, and this index holds just those, so asking costs next to nothing where there are few.
create index person_name_search_other_trgm_idx on person_name using gin (search_key gin_trgm_ops)
  where translate(search_key, 'abcdefghijklmnopqrstuvwxyz0123456789 ', '') <> '';

-- A page of people is listed with each one's status on a day: their custody claims covering it, read by person.
-- Holding every column that lookup reads, the index answers it alone (an index-only scan) instead of fetching each
-- claim's row, which lie scattered over the table (one page read per claim, 200 for a page of 20 people).
create index custody_period_person_covering_idx on custody_period (person_id)
  include (fact_id, state, start_edtf, end_edtf, confirmed_on, definite_span, possible_span, restricted);
-- The covering index serves every lookup by person this one did.
drop index custody_period_person_idx;
