-- GET /api/persons/{id}/status?asOf=D: StatusService.status's queries: the person, the judgement on D (V15's
-- cf_custody_status_now), the person's claims as the judgement reads them, and the citations of the claims the
-- answer shows; one transaction.
\set i random(1, :people)
\set d random(0, 4382)
BEGIN;
select p1_0.id, p1_0.change_reason, p1_0.concern, p1_0.merged_into, p1_0.name, p1_0.recorded_by, p1_0.restricted
  from person p1_0 where p1_0.id = 'gen-' || :i;
select person_id, status, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts
  from cf_custody_status_now(cast(array['gen-' || :i] as text[]), date '2010-01-01' + cast(:d as int), 'last_known');
select fact_id, state, start_edtf, end_edtf, confirmed_on, rank,
       lower(definite_span), upper(definite_span) - 1, lower(possible_span), upper(possible_span) - 1
  from cf_custody_claims(array[cast('gen-' || :i as text)], null) order by fact_id;
select c1_0.fact_id, c1_0.id, c1_0.end_offset, c1_0.prefix, c1_0.quote, c1_0.source_id, c1_0.start_offset, c1_0.suffix
  from citation c1_0 where c1_0.fact_id in (
    select unnest(facts) from cf_custody_status_now(cast(array['gen-' || :i] as text[]), date '2010-01-01' + cast(:d as int), 'last_known'))
  order by c1_0.fact_id, c1_0.id;
COMMIT;
