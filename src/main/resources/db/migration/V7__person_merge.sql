-- Merging duplicate people: the merged record stays, pointing at the survivor, so its old id still answers
-- (with a redirect) and its history stays readable.
alter table person add column merged_into text references person (id);
alter table person add constraint person_not_merged_into_itself check (merged_into is null or merged_into <> id);
alter table person_history add column merged_into text;
create index person_merged_into_idx on person (merged_into) where merged_into is not null;

-- History rows are written by column name, so columns added to a table later (as here) land in the right place.
create or replace function cf_fact_history() returns trigger language plpgsql as
$$
declare
  typed text := cf_table_of_kind(old.kind);
  stamp jsonb := jsonb_build_object('superseded_at', now(), 'superseded_by', current_setting('casefile.actor', true),
                                    'operation', tg_op);
begin
  insert into fact_history select * from jsonb_populate_record(null::fact_history, to_jsonb(old) || stamp);
  execute format('insert into %I select r.* from %I t, jsonb_populate_record(null::%I, to_jsonb(t) || $2) r where t.fact_id = $1',
                 typed || '_history', typed, typed || '_history')
    using old.id, stamp;
  insert into citation_history
    select r.* from citation c, jsonb_populate_record(null::citation_history, to_jsonb(c) || stamp) r where c.fact_id = old.id;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.version := old.version + 1;
  new.recorded_at := now();
  return new;
end
$$;

create or replace function cf_entity_history() returns trigger language plpgsql as
$$
declare
  stamp jsonb := jsonb_build_object('superseded_at', now(), 'superseded_by', current_setting('casefile.actor', true),
                                    'operation', tg_op);
begin
  execute format('insert into %I select * from jsonb_populate_record(null::%I, $1)', tg_table_name || '_history',
                 tg_table_name || '_history')
    using to_jsonb(old) || stamp;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.version := old.version + 1;
  new.recorded_at := now();
  return new;
end
$$;
