-- Casefile's benchmark questions for PostgREST (bench/peers/README.md): RPC functions in schema api, answered from the
-- base tables on every request, as a PostgREST user would write them, never from Casefile's kept projections
-- (custody_judgement, custody_claimant, count_answer, person_document, person_document_pending).
--
-- One definition of each rule: a status is judged by the database's own judging functions, which read the base
-- tables (V15, V18, V19): cf_custody_status_of(ids, day, null, basis) (cf_custody_judge over cf_custody_claims_now),
-- cf_custody_claims_now for the claims as the judgement reads them, cf_custody_runs for a status over time,
-- cf_custody_conflict, cf_custody_in_basis; a name is folded by cf_name_key. When Casefile's rules change there, these
-- answers change with them; what each function adds (which claims an answer lists, paging, ordering) follows
-- StatusService, CountService and PersonService as they stand, and the answer check in bench/run.sh compares both.
--
-- SECURITY INVOKER throughout, so row-level security binds web_anon as it binds the service's role: web_anon never
-- sets casefile.reader, so cf_sees_restricted() is false and restricted rows are hidden, as from the public.
-- PL/pgSQL entry points: their statements are planned once per pooled connection.
-- Idempotent: run it again to replace the functions (roles are made only when missing).
\set ON_ERROR_STOP on
set client_min_messages = warning;

drop schema if exists api cascade;
create schema api;

-- A person with every fact about them (GET /api/persons/{id}): names, citizenships, affiliations, custody, charges,
-- status over time (cf_custody_runs), incidents, conflicting claims. Null fields left out, as Casefile leaves them.
create function api.person(pid text) returns json language plpgsql stable as $$
begin return (
select json_strip_nulls(json_build_object('id', p.id, 'name', p.name, 'concern', p.concern,
  'aliases', coalesce((select json_agg(a.name order by a.first) from (select n.name, min(n.fact_id) first from person_name n
      where n.person_id = p.id and n.name <> p.name group by n.name) a), '[]'),
  'names', coalesce((select json_agg(json_build_object('factId', n.fact_id, 'name', n.name, 'form', n.form,
      'sources', (select coalesce(json_agg(s.source_id order by s.first), '[]') from (select c.source_id, min(c.id) first
                  from citation c where c.fact_id = n.fact_id group by c.source_id) s), 'rank', f.rank,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = n.fact_id))
      order by n.fact_id) from person_name n join fact f on f.id = n.fact_id where n.person_id = p.id), '[]'),
  'citizenships', coalesce((select json_agg(json_build_object('factId', z.fact_id, 'country', z.country, 'rank', f.rank, 'note', f.note,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = z.fact_id))
      order by z.fact_id) from citizenship z join fact f on f.id = z.fact_id where z.person_id = p.id), '[]'),
  'affiliations', coalesce((select json_agg(json_build_object('factId', a.fact_id, 'organization', a.organization_id,
      'organizationName', o.name, 'role', a.role, 'date', a.date_edtf, 'former', a.former, 'rank', f.rank, 'note', f.note,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = a.fact_id))
      order by a.fact_id) from affiliation a join fact f on f.id = a.fact_id left join organization o on o.id = a.organization_id
      where a.person_id = p.id), '[]'),
  'custody', coalesce((select json_agg(json_build_object('factId', k.fact_id, 'state', k.state, 'start', k.start_edtf,
      'startEarliest', k.start_lower, 'startLatest', k.start_upper, 'end', k.end_edtf, 'endEarliest', k.end_lower,
      'endLatest', k.end_upper, 'place', k.place, 'confirmed', k.confirmed_on, 'rank', f.rank, 'derived', f.derived,
      'derivation', f.derivation, 'note', f.note,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = k.fact_id))
      order by k.start_lower nulls first, k.confirmed_on nulls last, k.fact_id)
      from custody_period k join fact f on f.id = k.fact_id where k.person_id = p.id), '[]'),
  'charges', coalesce((select json_agg(json_build_object('factId', g.fact_id, 'charge', g.charge, 'legalCase', g.legal_case_id,
      'incident', g.incident_id, 'date', g.date_edtf, 'court', g.court, 'stage', g.stage, 'outcome', g.outcome,
      'sentence', g.sentence, 'sentenceYears', g.sentence_years, 'inAbsentia', g.in_absentia, 'rank', f.rank, 'note', f.note,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = g.fact_id))
      order by g.date_lower nulls last, g.fact_id) from charge g join fact f on f.id = g.fact_id where g.person_id = p.id), '[]'),
  'statusHistory', coalesce((select json_agg(json_build_object('from', lower(r.days), 'to', upper(r.days) - 1,
      'status', r.status, 'certainty', r.certainty, 'since', r.since, 'lastConfirmed', r.last_confirmed,
      'presumedSince', r.presumed_since, 'disputed', r.disputed, 'facts', r.facts) order by lower(r.days) nulls first)
      from cf_custody_runs(array[p.id], null) r), '[]'),
  'incidents', coalesce((select json_agg(json_build_object('factId', v.fact_id, 'incident', i.id, 'incidentType', i.incident_type,
      'title', i.title, 'date', i.date_edtf, 'dateEarliest', i.date_lower, 'dateLatest', i.date_upper, 'place', i.place,
      'role', v.role, 'nameAsWritten', v.name_as_written, 'derived', fi.derived, 'derivation', fi.derivation,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = v.fact_id))
      order by i.date_lower nulls last, i.id, v.fact_id) from involvement v join fact fv on fv.id = v.fact_id
      join incident i on i.id = v.incident_id join fact fi on fi.id = i.fact_id where v.person_id = p.id), '[]'),
  'conflicts', coalesce((select json_agg(json_build_object('kind', 'custody', 'facts', json_build_array(x.fact_id, y.fact_id),
      'states', json_build_array(x.state, y.state), 'from', greatest(lower(x.definite_span), lower(y.definite_span)),
      'to', least(upper(x.definite_span), upper(y.definite_span)) - 1)
      order by greatest(lower(x.definite_span), lower(y.definite_span)), x.fact_id, y.fact_id)
      from custody_period x join custody_period y on y.person_id = x.person_id and x.fact_id < y.fact_id
        and cf_custody_conflict(x.state, y.state) and x.definite_span && y.definite_span
      where x.person_id = p.id and exists (select 1 from fact d where d.id = x.fact_id and d.rank <> 'deprecated')
        and exists (select 1 from fact d where d.id = y.fact_id and d.rank <> 'deprecated')), '[]')))
from person p where p.id = pid and p.merged_into is null
); end $$;

-- A person's status on a day under a basis (GET /api/persons/{id}/status?asOf=&basis=): the judgement
-- (cf_custody_status_of), the claims it rests on in its order, each with how it bears on the day and its citations;
-- when nothing gives a status, the nearest claims before and after the day (StatusService.nearest).
create function api.status(pid text, as_of date, basis text default 'last_known') returns json language plpgsql stable as $$
begin
  if basis is null or basis not in ('confirmed', 'last_known') then
    raise exception 'basis must be confirmed or last_known, not %', basis using errcode = '22023';
  end if;
  return (
with j as (select * from cf_custody_status_of(array[pid], as_of, null, basis)),
claim as (
  select c.fact_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, c.rank, lower(c.definite_span) df,
         upper(c.definite_span) - 1 dt, lower(c.possible_span) pf, upper(c.possible_span) - 1 pt
  from cf_custody_claims_now(array[pid]) c
),
shown as (
  select c.*, o.ord, false nearest from j cross join unnest(j.facts) with ordinality o(fact_id, ord) join claim c using (fact_id)
  union all
  select n.*, true from j cross join lateral (
    (select c.*, 1::bigint from claim c where c.rank <> 'deprecated' and c.pf is not null and c.pt is not null and c.pt < as_of
     order by c.pt desc, c.fact_id limit 1)
    union all
    (select c.*, 2::bigint from claim c where c.rank <> 'deprecated' and c.pf is not null and c.pf > as_of
     order by c.pf, c.fact_id limit 1)) n
  where cardinality(j.facts) = 0
),
listed as (
  select s.nearest, json_agg(json_build_object('factId', s.fact_id, 'state', s.state, 'start', s.start_edtf, 'end', s.end_edtf,
      'confirmed', s.confirmed_on, 'definiteFrom', s.df, 'definiteTo', s.dt, 'possibleFrom', s.pf, 'possibleTo', s.pt,
      'rank', s.rank,
      'certainty', case when s.df is not null and as_of >= s.df and (s.dt is null or as_of <= s.dt) then 'definite'
                        when s.pf is not null and as_of >= s.pf and (s.pt is null or as_of <= s.pt) then 'possible'
                        when not s.nearest and j.certainty = 'presumed' then 'presumed' end,
      'citations', (select json_agg(json_build_object('source', c.source_id, 'quote', c.quote, 'start', c.start_offset,
          'end', c.end_offset, 'prefix', c.prefix, 'suffix', c.suffix) order by c.id) from citation c where c.fact_id = s.fact_id))
      order by s.ord) list
  from shown s cross join j group by s.nearest
)
select json_strip_nulls(json_build_object('person', p.id, 'asOf', as_of, 'basis', basis, 'status', j.status,
  'certainty', j.certainty, 'since', j.since, 'lastConfirmed', j.last_confirmed, 'presumedSince', j.presumed_since,
  'disputed', j.disputed, 'claims', coalesce((select list from listed where not nearest), '[]'),
  'nearest', case when cardinality(j.facts) = 0 then coalesce((select list from listed where nearest), '[]') end))
from person p cross join j where p.id = pid and p.merged_into is null
); end $$;

-- The states of the detained definition, once the basis asked is one there is (CountParameters refuses others).
create function api.detained_states(basis text) returns text[] language plpgsql stable as $$
begin
  if basis is null or basis not in ('confirmed', 'last_known') then
    raise exception 'basis must be confirmed or last_known, not %', basis using errcode = '22023';
  end if;
  return (select d.states from count_definition d where d.id = 'detained');
end $$;

-- How many people were detained on a day (GET /api/counts?definition=detained&asOf=&basis=): the figures only
-- (total under the basis, both totals, definite, possible, presumed, disputed); no page of people, sources or caveats.
-- As CountService counts: everyone judged on the day under last_known, those in the definition's states, counted
-- under the basis.
create function api.detained_count(as_of date, basis text default 'last_known') returns json language plpgsql stable as $$
declare
  wanted text[] := api.detained_states(basis);
begin
  return (
with in_states as (
  select s.certainty, s.disputed from cf_custody_status_of(null, as_of, null, 'last_known') s
  join person p on p.id = s.person_id and p.merged_into is null
  where s.status = any(wanted)
), counted as (select * from in_states where cf_custody_in_basis(certainty, basis))
select json_build_object('asOf', as_of, 'definition', 'detained', 'basis', basis,
  'total', (select count(*) from counted),
  'totals', json_build_object('confirmed', (select count(*) from in_states where cf_custody_in_basis(certainty, 'confirmed')),
                              'lastKnown', (select count(*) from in_states)),
  'definite', (select count(*) from counted where certainty = 'definite'),
  'possible', (select count(*) from counted where certainty = 'possible'),
  'presumed', (select count(*) from counted where certainty = 'presumed'),
  'disputed', (select count(*) from counted where disputed))
); end $$;

-- Listed people (id, name, aliases, status on the day under the basis, the passage it rests on) in the order of ids,
-- as PersonViews.Summary shows them.
create function api.summaries(ids text[], on_day date, basis text) returns json language plpgsql stable as $$
begin return (
select coalesce(json_agg(json_strip_nulls(json_build_object('id', p.id, 'name', p.name,
    'aliases', coalesce((select json_agg(a.name order by a.first) from (select n.name, min(n.fact_id) first from person_name n
                         where n.person_id = p.id and n.name <> p.name group by n.name) a), '[]'),
    'status', j.status, 'certainty', j.certainty, 'lastConfirmed', j.last_confirmed, 'presumedSince', j.presumed_since,
    'disputed', j.disputed,
    'restsOn', (select json_build_object('source', c.source_id, 'start', c.start_offset, 'end', c.end_offset)
                from citation c where c.fact_id = j.facts[1] order by c.id limit 1))) order by o.ord), '[]')
from unnest(ids) with ordinality o(id, ord) join person p on p.id = o.id
left join cf_custody_status_of(ids, on_day, null, basis) j on j.person_id = p.id
); end $$;

-- The first page (20, by name) of the people detained on a day (GET /api/persons?status=detained&asOf=&basis=),
-- with the total: everyone judged on the day under the basis, those in the definition's states; matching people
-- found once, counted and paged from the same set.
create function api.detained(as_of date, basis text default 'last_known') returns json language plpgsql stable as $$
declare
  wanted text[] := api.detained_states(basis);
begin
  return (
with matching as materialized (
  select p.id, p.name from cf_custody_status_of(null, as_of, null, basis) s
  join person p on p.id = s.person_id and p.merged_into is null
  where s.status = any(wanted)
), page as (select array_agg(id order by name, id) ids from (select id, name from matching order by name, id limit 20) x)
select json_build_object('items', api.summaries(coalesce(page.ids, '{}'), as_of, basis),
                         'total', (select count(*) from matching), 'page', 0, 'size', 20)
from page
); end $$;

-- Fuzzy name search (GET /api/persons?q=): the first page (20, best first: score, name, id) with the total counted in
-- the ranking pass, statuses as of today (UTC, Casefile's default asOf) under last_known. Ranked as Casefile ranks
-- (PersonNameIndex): word by word, each query word scoring its best match among a name form's words, the sum divided
-- by the larger of the two word counts, a person scoring their best name form; words run together are matched against
-- whole name forms likewise joined. Casefile scores a word by exact, skeleton, prefix and edit-distance matches in its
-- own Lucene index; here a word's score is its trigram similarity (pg_trgm), and the name forms scored are those the
-- trigram index bench/inputs.sql makes for the PostgreSQL-alone peer (bench_person_name_search_trgm_idx) finds for the
-- whole key, as bench/pgbench/search.sql finds them. The two agree on the first hit for all but a few misspellings
-- (989 of the 994 of the smoke's 1,000 people, 4,845 of 4,938 at 5,000: where two names are about equally close, or
-- where one of the two misses the name the misspelling was made from); the answer check in bench/run.sh compares
-- the first hits and lists the differences. What else they find, and so their totals, differ.
create function api.search(q text) returns json language plpgsql stable set pg_trgm.word_similarity_threshold = 0.5 as $$
begin return (
with k as (select key, string_to_array(key, ' ') words, replace(key, ' ', '') joined from cf_name_key(q) key),
form as (select n.person_id, n.search_key, string_to_array(n.search_key, ' ') words
         from person_name n, k where k.key <% n.search_key),
scored as (
  select f.person_id,
         greatest((select sum(b.best) from (select max(similarity(w, fw)) best
                                            from unnest(k.words) with ordinality x(w, i), unnest(f.words) fw group by x.i) b)
                  / greatest(cardinality(k.words), cardinality(f.words)),
                  similarity(k.joined, replace(f.search_key, ' ', ''))) score
  from form f, k
),
m as (select person_id, max(score) score from scored group by person_id),
ranked as (select p.id, m.score, p.name, count(*) over () total from person p join m on m.person_id = p.id
           where p.merged_into is null order by m.score desc, p.name, p.id limit 20)
select json_build_object('items', api.summaries(coalesce((select array_agg(id order by score desc, name, id) from ranked), '{}'),
                                                (now() at time zone 'UTC')::date, 'last_known'),
                         'total', coalesce((select max(total) from ranked), 0), 'page', 0, 'size', 20)
); end $$;

-- PostgREST's documented role setup: authenticator logs in and switches to web_anon; neither bypasses row-level
-- security. Roles belong to the cluster, so they are made only when missing.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'web_anon') then
    create role web_anon nologin nobypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit nobypassrls password 'authpw';
  end if;
end
$$;
alter role web_anon nobypassrls;
alter role authenticator nobypassrls noinherit;
grant web_anon to authenticator;
-- As the service's connections are set (application.properties): a 15 s statement limit and no JIT. PostgREST applies
-- the impersonated role's settings in each request's transaction (read when it starts or on NOTIFY pgrst, 'reload
-- config'); the authenticator's apply at login (the statement limit only to web_anon: bench/run.sh lifts it while it
-- checks the answers, then restarts PostgREST with it).
alter role web_anon set statement_timeout = '15s';
alter role web_anon set jit = off;
alter role authenticator reset statement_timeout;
alter role authenticator set jit = off;
grant connect on database :"DBNAME" to authenticator;
grant usage on schema api, public to web_anon;
grant execute on all functions in schema api to web_anon;
grant select on person, person_name, citizenship, affiliation, custody_period, charge, involvement, incident, fact, citation,
                source, organization, count_definition to web_anon;
