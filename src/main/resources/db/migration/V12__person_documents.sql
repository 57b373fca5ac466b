-- The public person documents (GET /api/persons/{id} for readers who are not editors), kept in the database as the
-- JSON the service sends, so a read is one key lookup instead of a dozen queries. A document is served only while it
-- is current: every change that can alter a person's document, whoever makes it (the service, a psql session, a bulk
-- load), moves that person's version below, in the writing transaction itself. A document is stamped with the
-- version read before its facts were read, so one built from data a concurrent write has since changed is never
-- served: its stamp is behind. The service builds missing and outdated documents in the background.
create table person_change (
  person_id text primary key,
  version   bigint not null
);

create table person_document (
  person_id text primary key,
  version   bigint not null,
  body      text not null,
  built_at  timestamptz not null default now()
);

comment on table person_document is
  'Public JSON of GET /api/persons/{id}, built by the service; served only when version = person_change.version (0 if none).';

-- The people (as the reader sees them: row-level security applies) whose document is missing or behind, with the
-- version a document built now must carry: what the service's builder works through and the benchmark waits on.
create view person_document_outdated as
select p.id as person_id, coalesce(c.version, 0) as version
from person p left join person_change c on c.person_id = p.id left join person_document d on d.person_id = p.id
where p.merged_into is null and d.version is distinct from coalesce(c.version, 0);

-- Which people a change touches, from the changed rows (changed_rows; for an update also old_rows). It reads as an
-- editor, so row-level security hides nothing from it: making a fact restricted must outdate the public document
-- that showed it. (A function's SET clause cannot name casefile.reader without a superuser.)
create function cf_outdate_person_documents() returns trigger language plpgsql as
$$
declare
  people text[];
  reader text := current_setting('casefile.reader', true);
begin
  -- A bulk change (a load, a mass correction) outdates everyone at once: cheaper than finding who, row by row.
  if (select count(*) from changed_rows) > 10000 then
    perform cf_outdate_everyone();
    return null;
  end if;
  perform set_config('casefile.reader', 'editor', true);
  if tg_table_name = 'person' then
    select array_agg(id) into people from changed_rows;
  elsif tg_table_name in ('person_name', 'citizenship', 'affiliation', 'custody_period', 'charge', 'involvement') then
    select array_agg(person_id) into people from changed_rows;
  elsif tg_table_name = 'fact' then
    select array_agg(p) into people from cf_people_of_facts((select array_agg(id) from changed_rows)) p;
  elsif tg_table_name = 'citation' then
    select array_agg(p) into people from cf_people_of_facts((select array_agg(fact_id) from changed_rows)) p;
  elsif tg_table_name = 'incident' then
    select array_agg(v.person_id) into people from changed_rows r join involvement v on v.incident_id = r.id;
  elsif tg_table_name = 'organization' then
    select array_agg(a.person_id) into people from changed_rows r join affiliation a on a.organization_id = r.id;
  elsif tg_table_name = 'source' then
    select array_agg(p) into people
    from cf_people_of_facts((select array_agg(c.fact_id) from changed_rows r join citation c on c.source_id = r.id)) p;
  end if;
  if tg_op = 'UPDATE' then
    -- A row moved to another person (a merge) outdates both.
    if tg_table_name in ('person_name', 'citizenship', 'affiliation', 'custody_period', 'charge', 'involvement') then
      people := people || (select array_agg(person_id) from old_rows);
    elsif tg_table_name = 'citation' then
      people := people || (select array_agg(p) from cf_people_of_facts((select array_agg(fact_id) from old_rows)) p);
    elsif tg_table_name = 'incident' then
      people := people || (select array_agg(v.person_id) from old_rows r join involvement v on v.incident_id = r.id);
    end if;
  end if;
  insert into person_change as c (person_id, version)
  select distinct p, 1 from unnest(people) p where p is not null
  on conflict (person_id) do update set version = c.version + 1;
  perform set_config('casefile.reader', coalesce(reader, ''), true);
  return null;
end
$$;

-- The people whose facts these are: the typed fact tables, and the people involved in an incident fact.
create function cf_people_of_facts(facts bigint[]) returns setof text language sql stable as
$$
  select person_id from person_name where fact_id = any(facts)
  union select person_id from citizenship where fact_id = any(facts)
  union select person_id from affiliation where fact_id = any(facts)
  union select person_id from custody_period where fact_id = any(facts)
  union select person_id from charge where fact_id = any(facts)
  union select person_id from involvement where fact_id = any(facts)
  union select v.person_id from incident i join involvement v on v.incident_id = i.id where i.fact_id = any(facts)
$$;

-- Moves every person's version (restricted people's too: it reads as an editor): every kept document is outdated.
create function cf_outdate_everyone() returns void language plpgsql as
$$
declare
  reader text := current_setting('casefile.reader', true);
begin
  perform set_config('casefile.reader', 'editor', true);
  insert into person_change as c (person_id, version)
  select id, 1 from person
  on conflict (person_id) do update set version = c.version + 1;
  perform set_config('casefile.reader', coalesce(reader, ''), true);
end
$$;

-- Emptying a table outdates everything.
create function cf_outdate_all_person_documents() returns trigger language plpgsql as
$$
begin
  perform cf_outdate_everyone();
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['person', 'person_name', 'citizenship', 'affiliation', 'custody_period', 'charge',
                           'involvement', 'fact', 'citation', 'incident', 'organization', 'source'] loop
    execute format('create trigger %I after insert on %I referencing new table as changed_rows '
                   'for each statement execute function cf_outdate_person_documents()', t || '_outdates_documents_i', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as changed_rows '
                   'for each statement execute function cf_outdate_person_documents()', t || '_outdates_documents_u', t);
    execute format('create trigger %I after delete on %I referencing old table as changed_rows '
                   'for each statement execute function cf_outdate_person_documents()', t || '_outdates_documents_d', t);
    execute format('create trigger %I after truncate on %I '
                   'for each statement execute function cf_outdate_all_person_documents()', t || '_outdates_documents_t', t);
  end loop;
end
$$;
