-- GET /api/persons?q=NAME: PersonService.list's queries for a name with one typo: the search key (read here from
-- bench_input.typo, where the service computes it from the request), the threshold, the best-first page with
-- the total counted in the same pass, its people, name forms and status claims; one transaction.
\set t random(1, :typos)
BEGIN;
select cf_name_key(q) as key from bench_input.typo where i = :t \gset
set local pg_trgm.word_similarity_threshold = 0.5;
select coalesce(array_agg(id), '{}') as ids, max(total) as total from (
  select p.id, count(*) over () as total from person p
  join (select n.person_id, max(greatest(similarity(n.search_key, :key), word_similarity(:key, n.search_key))) score
        from person_name n where :key <% n.search_key group by n.person_id) m on m.person_id = p.id
  where p.merged_into is null order by m.score desc, p.name, p.id offset 0 rows fetch next 20 rows only) page \gset
select p1_0.id, p1_0.change_reason, p1_0.concern, p1_0.merged_into, p1_0.name, p1_0.recorded_by, p1_0.restricted
  from person p1_0 where p1_0.id = any(cast(:ids as text[]));
select pn1_0.person_id, pn1_0.name from person_name pn1_0 where pn1_0.person_id = any(cast(:ids as text[])) order by pn1_0.fact_id;
select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       coalesce(c.definite_span @> current_date, false)
  from custody_period c join fact f on f.id = c.fact_id
  where c.person_id = any(cast(:ids as text[])) and f.rank <> 'deprecated' and c.possible_span @> current_date
  order by c.person_id, c.fact_id;
COMMIT;
