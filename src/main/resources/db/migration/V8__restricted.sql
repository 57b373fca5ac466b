-- Confidentiality: any source, person or fact can be restricted. Restricted rows are invisible to every reader who
-- is not an editor, enforced by PostgreSQL row-level security, so no query (the service's, an export's, a
-- report's) can show them to the public by forgetting a filter. The service marks a transaction as an editor's with
-- set_config('casefile.reader', 'editor', true); without it, a reader is the public.

alter table person add column restricted boolean not null default false;
alter table source add column restricted boolean not null default false;
alter table fact add column restricted boolean not null default false;
alter table person_history add column restricted boolean;
alter table source_history add column restricted boolean;
alter table fact_history add column restricted boolean;

create function cf_typed_row_restricted() returns trigger language plpgsql as
$$
begin
  new.restricted := coalesce((select f.restricted from fact f where f.id = new.fact_id), false);
  return new;
end
$$;

create function cf_fact_restricted_changed() returns trigger language plpgsql as
$$
begin
  if new.restricted is distinct from old.restricted then
    execute format('update %I set restricted = $2 where fact_id = $1', cf_table_of_kind(new.kind)) using new.id, new.restricted;
  end if;
  return null;
end
$$;
create trigger fact_restricted_changed after update of restricted on fact
  for each row execute function cf_fact_restricted_changed();

create function cf_sees_restricted() returns boolean language sql stable parallel safe as
$$ select coalesce(current_setting('casefile.reader', true), '') = 'editor' $$;

-- What a fact states is hidden with the fact: each typed row carries its fact's flag, so a query that reads only the
-- typed table (as Hibernate does when it needs no column of fact) is bound by the same policy.
do $$
declare
  t text;
begin
  foreach t in array array['person_name', 'citizenship', 'affiliation', 'custody_period', 'incident', 'involvement', 'charge',
                           'figure'] loop
    execute format('alter table %I add column restricted boolean not null default false', t);
    execute format('alter table %I add column restricted boolean', t || '_history');
    execute format('create trigger %I before insert on %I for each row execute function cf_typed_row_restricted()',
                   t || '_restricted_with_fact', t);
  end loop;
end
$$ language plpgsql;

-- What the public may not see of a person, they may not see of the facts about them either.
create function cf_restrict_facts_of_person() returns trigger language plpgsql as
$$
begin
  if new.restricted and not old.restricted then
    update fact set restricted = true, change_reason = 'restricted with person ' || new.id
    where not restricted and id in (
      select fact_id from person_name where person_id = new.id union select fact_id from citizenship where person_id = new.id
      union select fact_id from affiliation where person_id = new.id union select fact_id from custody_period where person_id = new.id
      union select fact_id from charge where person_id = new.id union select fact_id from involvement where person_id = new.id);
  end if;
  return null;
end
$$;
create trigger person_restricts_facts after update of restricted on person
  for each row execute function cf_restrict_facts_of_person();

-- A fact that only a restricted source states is restricted with it.
create function cf_restrict_facts_of_source() returns trigger language plpgsql as
$$
begin
  if new.restricted and not old.restricted then
    update fact f set restricted = true, change_reason = 'restricted with source ' || new.id
    where not f.restricted
      and exists (select 1 from citation c where c.fact_id = f.id and c.source_id = new.id)
      and not exists (select 1 from citation c join source s on s.id = c.source_id
                      where c.fact_id = f.id and not s.restricted and s.id <> new.id);
  end if;
  return null;
end
$$;
create trigger source_restricts_facts after update of restricted on source
  for each row execute function cf_restrict_facts_of_source();

do $$
declare
  t text;
begin
  foreach t in array array['person', 'source', 'fact', 'person_history', 'source_history', 'fact_history',
                           'person_name', 'citizenship', 'affiliation', 'custody_period', 'incident', 'involvement', 'charge', 'figure',
                           'person_name_history', 'citizenship_history', 'affiliation_history', 'custody_period_history',
                           'incident_history', 'involvement_history', 'charge_history', 'figure_history'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (restricted is not true or (select cf_sees_restricted()))', t || '_read', t);
    execute format('create policy %I on %I for insert with check (true)', t || '_insert', t);
    execute format('create policy %I on %I for update using (true) with check (true)', t || '_update', t);
    execute format('create policy %I on %I for delete using (true)', t || '_delete', t);
  end loop;
  -- A citation is seen where its source and its fact are: their own policies decide inside the subqueries.
  foreach t in array array['citation', 'citation_history'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (exists (select 1 from source s where s.id = %I.source_id)'
                   ' and exists (select 1 from fact f where f.id = %I.fact_id))', t || '_read', t, t, t);
    execute format('create policy %I on %I for insert with check (true)', t || '_insert', t);
    execute format('create policy %I on %I for update using (true) with check (true)', t || '_update', t);
    execute format('create policy %I on %I for delete using (true)', t || '_delete', t);
  end loop;
end
$$;
