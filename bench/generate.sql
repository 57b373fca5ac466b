-- Deterministic synthetic Casefile data, generated inside PostgreSQL (set-based, so 100k people load in minutes).
-- Every row satisfies the database's evidence rules: each fact is cited, and each citation's quote is its
-- source text between its offsets (each person has a small generated "case file" text that is its source).
--
-- Usage (on a database migrated by Casefile; with or without the seed, generated ids start gen-/src-gen-/inc-):
--   psql -v people=100000 -f bench/generate.sql          (bench/run.sh does this for you)
-- Scales: people = N gives N persons, 2N name forms, 10N custody periods, 2N incidents with 2N involvements,
-- N/2 charges, and 20.5N citations (2 per name form pair, 14 per person's ten custody periods, 2+2 for incidents
-- and involvements, 1/2 for charges): at N = 100,000 that is 1,000,000 custody periods and 2,050,000 citations.
-- Dates are hashed from ids (hashint4), never from random(), so every run produces identical data.
\set ON_ERROR_STOP on
\if :{?people}
\else
  \set people 1000
\endif

begin;
select setseed(0.4242);

-- Names from romanised syllables, so fuzzy search meets realistic collisions and near-misses.
create temporary table syllable (n int, s text) on commit drop;
insert into syllable
select row_number() over () - 1, s
from unnest(string_to_array('Sok,Chan,Vann,Rath,Kem,Meach,Rong,Chhun,Sam,Nhay,Kong,Hun,Long,Thun,Keo,Chao,Eang,Khut,Ngin,Thai,'
  || 'Phoun,Sopheap,Saray,Vuthy,Dara,Nary,Pisey,Rithy,Sokha,Mony,Veasna,Kunthea,Daravy,Vannak,Ratha,Maryna,Khean,Chroek,Bopha,Sreymom', ',')) s;

create temporary table gen_person (i int primary key, id text, family text, given text, variant text, case_text text) on commit drop;
insert into gen_person
select i, 'gen-' || i,
       (select s from syllable where n = abs(hashint4(i)) % 40),
       (select s from syllable where n = abs(hashint4(i * 7 + 1)) % 40) || lower((select s from syllable where n = abs(hashint4(i * 13 + 5)) % 40)),
       null, null
from generate_series(1, :people) i;
-- A spelling variant: a doubled or dropped letter, as letters write names two ways.
update gen_person set variant = case when i % 2 = 0 then regexp_replace(given, '([aeiou])', '\1\1') else regexp_replace(given, 'h', '') end;

-- Each person's case file: fixed sentences whose offsets are computed below. Line k of the custody lines is
-- "Period kk: detained.\n" (21 code points); the header holds the names.
update gen_person set case_text =
  'Case file ' || id || E'.\n' ||
  'Name: ' || family || ' ' || given || E'.\n' ||
  'Also written: ' || family || ' ' || variant || E'.\n' ||
  (select string_agg('Period ' || lpad(k::text, 2, '0') || E': detained.\n', '' order by k) from generate_series(1, 10) k) ||
  (select string_agg('Confirmed by letter ' || lpad(k::text, 2, '0') || E'.\n', '' order by k) from generate_series(1, 4) k) ||
  E'Incident report A.\nIncident report B.\nCharge sheet.\n';

insert into source_text (origin_file, text, sha256, length)
select 'generated/' || id || '.txt', case_text, encode(sha256(convert_to(case_text, 'UTF8')), 'hex'), char_length(case_text)
from gen_person;

insert into source (id, text_id, section_start, section_end, title, kind, date_edtf, date_lower, date_upper)
select 'src-' || g.id, t.id, 0, t.length, 'Generated case file ' || g.id, 'report', '2021-01-01', date '2021-01-01', date '2021-01-01'
from gen_person g join source_text t on t.origin_file = 'generated/' || g.id || '.txt';

insert into person (id, name, concern) select id, family || ' ' || given, true from gen_person;

-- A fact row, its typed row and its citation, for each thing generated: fact ids are taken from a sequence
-- first so the three inserts can join on them.
create temporary table gen_fact (fact_id bigint, kind text, i int, k int) on commit drop;

-- Name forms: the primary name and a spelling variant, each citing its header line.
insert into gen_fact select nextval(pg_get_serial_sequence('fact', 'id')), 'name', i, k from gen_person, generate_series(1, 2) k;
insert into fact (id, kind) overriding system value select fact_id, kind from gen_fact where kind = 'name';
insert into person_name (fact_id, person_id, name, form)
select f.fact_id, g.id, case when f.k = 1 then g.family || ' ' || g.given else g.family || ' ' || g.variant end,
       case when f.k = 1 then 'primary' else 'spelling_variant' end
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'name';
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, q.quote, q.start, q.start + char_length(q.quote)
from gen_fact f join gen_person g on g.i = f.i
cross join lateral (select case when f.k = 1 then g.family || ' ' || g.given else g.family || ' ' || g.variant end as quote) n
cross join lateral (select n.quote, strpos(g.case_text, case when f.k = 1 then 'Name: ' else 'Also written: ' end || n.quote)
                           - 1 + case when f.k = 1 then 6 else 14 end as start) q
where f.kind = 'name';

-- Custody: ten periods a person, with the precision mix letters and reports actually give.
-- Start (as stated):  52% a day (2016-01-25), 5% an uncertain day (2016-01-25?), 18% a month (2016-01),
--   3% an approximate month (2016-01~), 9% a year (2016), 2% a season (2016-21 = spring), 6% an interval of
--   months (2016-01/2016-03), 3% no start stated at all (known only from a letter that confirms the state).
-- End:  25% a day, 7% a month, 4% a year (closed periods, 36%); 36% open but confirmed up to a letter's date;
--   28% open with no confirmation (the claim then covers only its start).
-- A spread of states over 2010-2020, periods of up to ~2 years.
insert into gen_fact select nextval(pg_get_serial_sequence('fact', 'id')), 'custody', i, k from gen_person, generate_series(1, 10) k;
insert into fact (id, kind) overriding system value select fact_id, kind from gen_fact where kind = 'custody';
with c as (
  select f.fact_id, g.id person_id, f.i, f.k,
         (array['arrested','pretrial_detention','imprisoned','house_arrest','judicial_supervision','released_on_bail',
                'released','convicted_in_absentia','wanted','in_exile'])[1 + abs(hashint4(f.fact_id::int)) % 10] state,
         date '2010-01-01' + (abs(hashint4(f.fact_id::int * 3)) % 4000) start_day,
         abs(hashint4(f.fact_id::int * 5)) % 100 precision_roll,
         abs(hashint4(f.fact_id::int * 11)) % 700 length_days,
         abs(hashint4(f.fact_id::int * 17)) % 100 end_roll
  from gen_fact f join gen_person g on g.i = f.i where f.kind = 'custody'),
d as (
  select c.*,
         case when precision_roll < 52 then to_char(start_day, 'YYYY-MM-DD')
              when precision_roll < 57 then to_char(start_day, 'YYYY-MM-DD') || '?'
              when precision_roll < 75 then to_char(start_day, 'YYYY-MM')
              when precision_roll < 78 then to_char(start_day, 'YYYY-MM') || '~'
              when precision_roll < 87 then to_char(start_day, 'YYYY')
              when precision_roll < 89 then to_char(start_day, 'YYYY') || '-21'
              when precision_roll < 95 then to_char(start_day, 'YYYY-MM') || '/' || to_char(start_day + 90, 'YYYY-MM')
              else null end start_edtf,
         case when precision_roll < 57 then start_day
              when precision_roll < 78 then date_trunc('month', start_day)::date
              when precision_roll < 87 then date_trunc('year', start_day)::date
              when precision_roll < 89 then make_date(extract(year from start_day)::int, 3, 1)
              when precision_roll < 95 then date_trunc('month', start_day)::date
              else null end start_lower,
         case when precision_roll < 57 then start_day
              when precision_roll < 78 then (date_trunc('month', start_day) + interval '1 month - 1 day')::date
              when precision_roll < 87 then (date_trunc('year', start_day) + interval '1 year - 1 day')::date
              when precision_roll < 89 then make_date(extract(year from start_day)::int, 5, 31)
              when precision_roll < 95 then (date_trunc('month', start_day + 90) + interval '1 month - 1 day')::date
              else null end start_upper
  from c),
e as (
  select d.*, coalesce(start_upper, start_day) + length_days end_day from d)
insert into custody_period (fact_id, person_id, state, start_edtf, start_lower, start_upper, end_edtf, end_lower, end_upper, confirmed_on)
select fact_id, person_id, state, start_edtf, start_lower, start_upper,
       case when end_roll < 25 then to_char(end_day, 'YYYY-MM-DD')
            when end_roll < 32 then to_char(end_day, 'YYYY-MM')
            when end_roll < 36 then to_char(end_day, 'YYYY') end,
       case when end_roll < 25 then end_day
            when end_roll < 32 then date_trunc('month', end_day)::date
            when end_roll < 36 then date_trunc('year', end_day)::date end,
       case when end_roll < 25 then end_day
            when end_roll < 32 then (date_trunc('month', end_day) + interval '1 month - 1 day')::date
            when end_roll < 36 then (date_trunc('year', end_day) + interval '1 year - 1 day')::date end,
       -- a letter confirms open periods, and every period with no stated start
       case when (end_roll >= 36 and end_roll < 72) or start_edtf is null then end_day end
from e;
-- Each period cites its line; periods 1-4 are also confirmed by a second passage (a later letter).
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, 'Period ' || lpad(f.k::text, 2, '0') || ': detained.',
       strpos(g.case_text, 'Period ' || lpad(f.k::text, 2, '0')) - 1,
       strpos(g.case_text, 'Period ' || lpad(f.k::text, 2, '0')) - 1 + 20
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'custody';
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, 'Confirmed by letter ' || lpad(f.k::text, 2, '0') || '.',
       strpos(g.case_text, 'Confirmed by letter ' || lpad(f.k::text, 2, '0')) - 1,
       strpos(g.case_text, 'Confirmed by letter ' || lpad(f.k::text, 2, '0')) - 1 + 23
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'custody' and f.k <= 4;

-- Incidents: two a person (an arrest and an assault or trial), each with the person as victim.
insert into gen_fact select nextval(pg_get_serial_sequence('fact', 'id')), 'incident', i, k from gen_person, generate_series(1, 2) k;
insert into fact (id, kind) overriding system value select fact_id, kind from gen_fact where kind = 'incident';
insert into incident (fact_id, id, incident_type, title, date_edtf, date_lower, date_upper, place)
select f.fact_id, 'inc-' || g.i || '-' || f.k, case when f.k = 1 then 'arrest' else (array['assault','trial','summons'])[1 + g.i % 3] end,
       case when f.k = 1 then 'Arrest of ' else 'Incident involving ' end || g.family || ' ' || g.given,
       to_char(date '2012-01-01' + (abs(hashint4(f.fact_id::int)) % 3000), 'YYYY-MM-DD'),
       date '2012-01-01' + (abs(hashint4(f.fact_id::int)) % 3000), date '2012-01-01' + (abs(hashint4(f.fact_id::int)) % 3000),
       'Phnom Penh'
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'incident';
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, 'Incident report ' || chr(64 + f.k) || '.',
       strpos(g.case_text, 'Incident report ' || chr(64 + f.k)) - 1, strpos(g.case_text, 'Incident report ' || chr(64 + f.k)) - 1 + 18
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'incident';

insert into gen_fact select nextval(pg_get_serial_sequence('fact', 'id')), 'involvement', i, k from gen_person, generate_series(1, 2) k;
insert into fact (id, kind) overriding system value select fact_id, kind from gen_fact where kind = 'involvement';
insert into involvement (fact_id, incident_id, person_id, role)
select f.fact_id, 'inc-' || g.i || '-' || f.k, g.id, 'victim' from gen_fact f join gen_person g on g.i = f.i where f.kind = 'involvement';
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, 'Incident report ' || chr(64 + f.k) || '.',
       strpos(g.case_text, 'Incident report ' || chr(64 + f.k)) - 1, strpos(g.case_text, 'Incident report ' || chr(64 + f.k)) - 1 + 18
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'involvement';

-- Charges: one for every other person.
insert into gen_fact select nextval(pg_get_serial_sequence('fact', 'id')), 'charge', i, 1 from gen_person where i % 2 = 0;
insert into fact (id, kind) overriding system value select fact_id, kind from gen_fact where kind = 'charge';
insert into charge (fact_id, person_id, charge, stage, date_edtf, date_lower, date_upper)
select f.fact_id, g.id, (array['incitement','treason','insurrection','conspiracy'])[1 + g.i % 4],
       (array['charged','on_trial','convicted'])[1 + g.i % 3], '2019', date '2019-01-01', date '2019-12-31'
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'charge';
insert into citation (fact_id, source_id, quote, start_offset, end_offset)
select f.fact_id, 'src-' || g.id, 'Charge sheet.', strpos(g.case_text, 'Charge sheet.') - 1, strpos(g.case_text, 'Charge sheet.') - 1 + 13
from gen_fact f join gen_person g on g.i = f.i where f.kind = 'charge';

commit;
analyze;
