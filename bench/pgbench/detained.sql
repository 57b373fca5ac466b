-- GET /api/persons?status=detained&asOf=D (the first page, by name, nothing else asked): PersonSearch reads the
-- people and total of the kept public count of the definition with those states (CountAnswers.CURRENT; bench/run.sh
-- waits until the service has kept one for every day), then the page's people with their name forms and their
-- statuses on D (StatusService.statuses: cf_custody_status_now), as the service sends them. The ids are the count's
-- first page; pgbench cannot read them out of the JSON, so it takes them with PostgreSQL's own JSON operators.
\set d random(0, 4382)
BEGIN;
select coalesce(array_agg(x ->> 'id'), '{}') as ids
from (select) one left join count_answer a on a.definition = 'detained' and a.basis = 'last_known'
  and a.day = date '2010-01-01' + cast(:d as int) and cf_count_answer_current(a.stale, a.day, a.seen)
left join lateral jsonb_array_elements(cast(a.body as jsonb) -> 'people' -> 'items') x on true \gset
select p.id, p.name, array(select n.name from person_name n where n.person_id = p.id order by n.fact_id)
  from person p where p.id = any(cast(:ids as text[]));
select person_id, status, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts
  from cf_custody_status_now(cast(:ids as text[]), date '2010-01-01' + cast(:d as int), 'last_known');
COMMIT;
