-- Inputs for the load drivers, made from the generated data (bench/generate.sql) and kept in schema bench_input,
-- apart from Casefile's tables: people ids in a fixed shuffled order, and names with one typo each, as a researcher
-- would type them (a swapped, dropped, doubled or wrong letter). Deterministic: hashed from row numbers.
-- wrk reads them from files (bench/run.sh exports them); pgbench reads them by a random row number.
\set ON_ERROR_STOP on
drop schema if exists bench_input cascade;
create schema bench_input;

create table bench_input.person_id (i int primary key, id text not null);
insert into bench_input.person_id
select row_number() over (order by hashint4(substr(id, 5)::int), id), id
from person where id like 'gen-%';

create table bench_input.typo (i int primary key, q text not null);
with pick as (
  select s.i, n.name, abs(hashint4(s.i * 103)) as h
  from generate_series(1, least(10000, (select count(*) from bench_input.person_id))::int) s(i)
  join bench_input.person_id p on p.i = 1 + abs(hashint4(s.i * 101)) % (select count(*) from bench_input.person_id)
  cross join lateral (select name from person_name where person_id = p.id
                      order by fact_id offset (s.i % 2) limit 1) n),
pos as (select i, name, 2 + h % greatest(char_length(name) - 3, 1) as p from pick)
insert into bench_input.typo
select i, case i % 4
            when 0 then substr(name, 1, p - 1) || substr(name, p + 1, 1) || substr(name, p, 1) || substr(name, p + 2)
            when 1 then substr(name, 1, p - 1) || substr(name, p + 1)
            when 2 then substr(name, 1, p) || substr(name, p, 1) || substr(name, p + 1)
            else overlay(name placing (case lower(substr(name, p, 1)) when 'a' then 'e' when 'e' then 'a' when 'o' then 'u'
                                          when 'u' then 'o' when 'i' then 'y' else 'h' end) from p for 1) end
from pos;

grant usage on schema bench_input to casefile;
grant select on all tables in schema bench_input to casefile;
analyze bench_input.person_id;
analyze bench_input.typo;

-- PostgreSQL alone answers name search (pgbench/search.sql) by trigram similarity: its best plan needs a trigram
-- index on the search keys, which Casefile itself no longer keeps (its name search is a Lucene index in the
-- service, V20), so the benchmark makes one for that peer.
create index if not exists bench_person_name_search_trgm_idx on person_name using gin (search_key gin_trgm_ops);
