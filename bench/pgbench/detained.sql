-- GET /api/persons?status=detained&asOf=D (the first page, by name, nothing else asked): PersonSearch reads the
-- people and total of the kept public count of the definition with those states (CountAnswers.CURRENT; bench/run.sh
-- waits until the service has kept one for every day), then the page's people with their name forms and their
-- statuses on D (one statement: PersonService.SUMMARIES), as the service sends them. The ids are the count's
-- first page; pgbench cannot read them out of the JSON, so it takes them with PostgreSQL's own JSON operators.
\set d random(0, 4382)
BEGIN;
select coalesce(array_agg(x ->> 'id'), '{}') as ids
from (select) one left join count_answer a on a.definition = 'detained' and a.basis = 'last_known'
  and a.day = date '2010-01-01' + cast(:d as int) and cf_count_answer_current(a.stale, a.day, a.seen)
left join lateral jsonb_array_elements(cast(a.body as jsonb) -> 'people' -> 'items') x on true \gset
-- service: org.casefile.person.PersonService.SUMMARIES; :day = date '2010-01-01' + cast(:d as int); :basis = 'last_known'
select s.*, (select p.name from person p where p.id = s.person_id) as name,
       array(select n.name from person_name n where n.person_id = s.person_id order by n.fact_id) as names
from (select j.person_id, j.status, j.certainty, j.since, j.last_confirmed, j.presumed_since, j.disputed, j.facts,
             j.state_facts, r.source_id, r.start_offset, r.end_offset
      from cf_custody_status_now(cast(:ids as text[]), cast(date '2010-01-01' + cast(:d as int) as date), 'last_known') j
      left join lateral (select c.source_id, c.start_offset, c.end_offset from citation c
                         where c.fact_id = j.facts[1] order by c.id limit 1) r on true) s;
COMMIT;
