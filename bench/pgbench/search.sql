-- GET /api/persons?q=NAME, answered by PostgreSQL alone (the service finds the matches in its Lucene name index and
-- sends PostgreSQL only their ids): the best SQL for the question by trigram similarity (bench/inputs.sql makes the
-- trigram index): the search key, the threshold, the best-first page with the total counted in the same pass, the
-- page's people with their name forms, and their statuses on the day (V15's cf_custody_status_now); one transaction.
\set t random(1, :typos)
BEGIN;
select cf_name_key(q) as key from bench_input.typo where i = :t \gset
set local pg_trgm.word_similarity_threshold = 0.5;
select coalesce(array_agg(id), '{}') as ids, max(total) as total from (
  select p.id, count(*) over () as total from person p
  join (select n.person_id, max(greatest(similarity(n.search_key, :key), word_similarity(:key, n.search_key))) score
        from person_name n where :key <% n.search_key group by n.person_id) m on m.person_id = p.id
  where p.merged_into is null order by m.score desc, p.name, p.id offset 0 rows fetch next 20 rows only) page \gset
-- service: org.casefile.person.PersonService.SUMMARIES; :day = current_date; :basis = 'last_known'
select s.*, (select p.name from person p where p.id = s.person_id) as name,
       array(select n.name from person_name n where n.person_id = s.person_id order by n.fact_id) as names
from (select j.person_id, j.status, j.certainty, j.since, j.last_confirmed, j.presumed_since, j.disputed, j.facts,
             j.state_facts, r.source_id, r.start_offset, r.end_offset
      from cf_custody_status_now(cast(:ids as text[]), cast(current_date as date), 'last_known') j
      left join lateral (select c.source_id, c.start_offset, c.end_offset from citation c
                         where c.fact_id = j.facts[1] order by c.id limit 1) r on true) s;
COMMIT;
