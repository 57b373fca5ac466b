-- The SQL behind the researchers' list, search, as-of and status requests, as the service sends it, explained on
-- generated data (bench/generate.sql). Usage: psql -f bench/explain.sql > bench/EXPLAIN.txt
\set ON_ERROR_STOP on
\pset pager off

\echo '== GET /api/persons?status=detained&asOf=2015-06-01 (first page, sorted by name, from the kept judgement)'
explain (analyze, buffers, costs off)
select p.id from person p
join (select person_id, state, certainty from custody_judgement where days @> cast('2015-06-01' as date)) s
  on s.person_id = p.id and s.state in ('arrested', 'pretrial_detention', 'imprisoned') and cf_custody_in_basis(s.certainty, 'last_known')
where p.merged_into is null
order by p.name, p.id limit 20;

\echo '== the same judged from the claims (an editor, or while the kept judgement is being rebuilt)'
explain (analyze, buffers, costs off)
select count(*) from cf_custody_status_of(null, cast('2015-06-01' as date), null, 'last_known') s
where s.status in ('arrested', 'pretrial_detention', 'imprisoned');

\echo '== GET /api/persons/gen-4242 for the public: the kept document, if current (PersonDocuments.CURRENT)'
explain (analyze, buffers, costs off)
select v.version, d.body
from (select coalesce((select c.version from person_change c where c.person_id = 'gen-4242'), 0) as version) v
left join person_document d on d.person_id = 'gen-4242' and d.version = v.version;

\echo '== GET /api/persons?q=Sokha%20Chhunn (fuzzy, best match first)'
begin;
set local pg_trgm.word_similarity_threshold = 0.5;
explain (analyze, buffers, costs off)
select p.id from person p
join (select n.person_id, max(greatest(similarity(n.search_key, 'sokha chhunn'), word_similarity('sokha chhunn', n.search_key))) score
      from person_name n where 'sokha chhunn' <% n.search_key group by n.person_id) m on m.person_id = p.id
where true order by m.score desc, p.name, p.id limit 20;
commit;

\echo '== GET /api/persons/{id}/status?asOf=2015-06-01 for the public: the kept status material, if current (PersonDocuments.CURRENT_STATUS)'
explain (analyze, buffers, costs off)
select v.version, convert_to(d.status, 'UTF8')
from (select coalesce((select c.version from person_change c where c.person_id = 'gen-4242'), 0) as version) v
left join person_document d on d.person_id = 'gen-4242' and d.version = v.version;
\echo '== the same for an editor, or as recorded at a time (knownAt): judged from the claims'
explain (analyze, buffers, costs off)
select * from cf_custody_status_of(array['gen-4242'], cast('2015-06-01' as date), null, 'last_known');

\echo '== GET /api/persons/{id}: one of the per-kind queries, and the batched citations'
explain (analyze, buffers, costs off)
select c.* from custody_period c join fact f on f.id = c.fact_id where c.person_id = 'gen-4242' order by c.start_lower nulls first, c.fact_id;
explain (analyze, buffers, costs off)
select ci.* from citation ci where ci.fact_id in (select fact_id from custody_period where person_id = 'gen-4242') order by ci.fact_id, ci.id;

\echo '== GET /api/counts?asOf=2016-06-01&definition=detained for the public: the kept answer, if current (CountAnswers.CURRENT)'
explain (analyze, buffers, costs off)
select cast(pg_current_snapshot() as text), a.body
from (select) one left join count_answer a on a.definition = 'detained' and a.basis = 'last_known' and a.day = date '2016-06-01'
  and cf_count_answer_current(a.stale, a.day, a.seen);

\echo '== GET /api/counts?asOf=2016-06-01&definition=detained&groupBy=citizenship: the figures from the kept judgement'
explain (analyze, buffers, costs off)
with judged as (
  select person_id, state from custody_judgement where days @> date '2016-06-01'
), counted as (
  select j.person_id, j.name, j.state, j.certainty, j.disputed, j.sources
  from custody_judgement j
  where j.days @> date '2016-06-01' and j.state = any(array['arrested', 'pretrial_detention', 'imprisoned'])
), counted_source as (
  select ct.person_id, unnest(ct.sources) as source_id from counted ct
)
select (select count(*) from counted), (select count(*) from counted where certainty = 'definite'),
       (select count(*) from counted where disputed),
       (select count(*) from custody_claimant k) - (select count(*) from judged j),
       (select count(*) from (select s.id, count(distinct cs.person_id) from counted_source cs join source s on s.id = cs.source_id
                              group by s.id order by 2 desc, s.id limit 50) x),
       (select array_agg(person_id) from (select person_id from counted order by name, person_id limit 20) x);
