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
select p.id, p.name, array(select n.name from person_name n where n.person_id = p.id order by n.fact_id)
  from person p where p.id = any(cast(:ids as text[]));
select person_id, status, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts
  from cf_custody_status_now(cast(:ids as text[]), current_date, 'last_known');
COMMIT;
