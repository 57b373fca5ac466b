-- The kept count answers (count_answer, V13) were tied to one number for the whole data (data_version): every
-- statement on a data table moved it, so every writer locked it first (writers queued one behind another) and every
-- write made every kept answer stale, whatever it touched. Now a write marks stale only the days whose counts it can
-- change, and nothing is shared by all writers.

-- The days a committed change may have altered counts on, one row per judging (or other change), written by the
-- change's own transaction: a kept answer for a day is served only while no row covering its day is one its stamp
-- (the snapshot it was counted from) did not see. The count builder marks the answers such rows outdate as stale
-- (consumed_at), and forgets rows long after (count_answers_kept.forgotten_through says up to which transaction).
create table count_stale (
  id          bigserial primary key,
  days        datemultirange not null,
  changed_by  xid8 not null default pg_current_xact_id(),
  consumed_at timestamptz
);
create index count_stale_changed_by_idx on count_stale (changed_by);
create index count_stale_unconsumed_idx on count_stale (id) where consumed_at is null;

comment on table count_stale is
  'Days whose kept count answers a committed change may have altered (V21); consumed and forgotten by the count builder.';

-- A kept answer carries the snapshot it was counted from instead of a version; stale once a row above outdates it.
delete from count_answer;
alter table count_answer drop column version,
  add column seen pg_snapshot not null,
  add column stale boolean not null default false;

-- What was custody_judgement_built holds only what the count builder keeps about its answers now.
alter table custody_judgement_built rename to count_answers_kept;
alter table count_answers_kept drop column answers_kept_for,
  add column forgotten_through xid8 not null default '0';
update count_answers_kept set answers_definitions = null; -- none kept now

-- Whether a kept answer for day, counted from snapshot seen, is outdated by a change seen did not see.
create function cf_count_outdated(day date, seen pg_snapshot) returns boolean language sql stable as
$$
  select exists (select 1 from count_stale s
                 where s.changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(s.changed_by, seen)
                   and s.days @> day)
$$;

-- Whether an answer counted from seen may be kept: nothing it did not see outdates the day, and every change the
-- builder has forgotten (whose rows no longer say which days they outdate) is one it saw.
create function cf_count_keepable(day date, seen pg_snapshot) returns boolean language sql stable as
$$
  select not cf_count_outdated(day, seen)
         and pg_snapshot_xmin(seen) > (select forgotten_through from count_answers_kept)
$$;

-- Every day: a change of what every count shows (a source's title or date, a definition).
create function cf_count_stale_everywhere() returns trigger language plpgsql as
$$
begin
  insert into count_stale (days) values ('{(,)}');
  return null;
end
$$;

create trigger source_count_stale after update or delete or truncate on source
  for each statement execute function cf_count_stale_everywhere();
create trigger count_definition_count_stale after insert or update or delete or truncate on count_definition
  for each statement execute function cf_count_stale_everywhere();

-- A citation changed on a fact a kept run rests on: the days of those runs (the quotes a count lists). A new fact's
-- citations are not in any run yet; its judging below says which days it changes.
create function cf_count_stale_citations() returns trigger language plpgsql as
$$
declare
  cited bigint[];
  changed datemultirange;
begin
  if tg_op = 'DELETE' then
    select array_agg(fact_id) into cited from old_rows;
  elsif tg_op = 'UPDATE' then
    select array_agg(fact_id) into cited from (select fact_id from old_rows union select fact_id from changed_rows) f;
  else
    select array_agg(fact_id) into cited from changed_rows;
  end if;
  select range_agg(j.days) into changed
  from custody_judgement j
  where j.person_id in (select p from cf_people_of_facts(cited) p) and j.facts && cited;
  if changed is not null then
    insert into count_stale (days) values (changed);
  end if;
  return null;
end
$$;

create trigger citation_count_stale_i after insert on citation referencing new table as changed_rows
  for each statement execute function cf_count_stale_citations();
create trigger citation_count_stale_u after update on citation referencing old table as old_rows new table as changed_rows
  for each statement execute function cf_count_stale_citations();
create trigger citation_count_stale_d after delete on citation referencing old table as old_rows
  for each statement execute function cf_count_stale_citations();

-- The kept runs of people ids (everyone when null), as the public sees them: what cf_custody_judge_people keeps.
create function cf_custody_judged(ids text[])
  returns table (person_id text, name text, days daterange, state text, certainty text, since text,
                 last_confirmed date, presumed_since date, disputed boolean, facts bigint[], state_facts bigint[],
                 sources text[])
  language sql stable as
$$
  select r.person_id, p.name, r.days, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since,
         r.disputed, r.facts, r.state_facts,
         array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.state_facts) order by 1)
  from cf_custody_runs(ids, null) r join person p on p.id = r.person_id and p.merged_into is null
$$;

-- Judges people ids again (everyone when null), as the public sees the data, as before (V19), and says which days'
-- counts that changed: the days of the runs that differ, old or new; every day when the claimants (counted as
-- unconfirmed on the days no claim covers) or the last day any claim confirms (which every count states) changed.
create or replace function cf_custody_judge_people(ids text[]) returns void language plpgsql as
$$
declare
  reader text := current_setting('casefile.reader', true);
  latest_before date := (select max(latest_definite) from custody_claimant);
  changed datemultirange;
  claimants_changed boolean;
begin
  perform set_config('casefile.reader', '', true);
  if ids is null then
    delete from custody_judgement;
    delete from custody_claimant;
    insert into custody_judgement (person_id, name, days, state, certainty, since, last_confirmed, presumed_since,
                                   disputed, facts, state_facts, sources)
    select * from cf_custody_judged(null);
    insert into custody_claimant (person_id, latest_definite) select person_id, latest_definite from custody_claimant_now;
    insert into count_stale (days) values ('{(,)}');
    perform set_config('casefile.reader', coalesce(reader, ''), true);
    return;
  end if;
  with old as (
    delete from custody_judgement where person_id = any(ids)
    returning person_id, name, days, state, certainty, since, last_confirmed, presumed_since, disputed, facts,
              state_facts, sources
  ), new as (
    insert into custody_judgement (person_id, name, days, state, certainty, since, last_confirmed, presumed_since,
                                   disputed, facts, state_facts, sources)
    select * from cf_custody_judged(ids)
    returning person_id, name, days, state, certainty, since, last_confirmed, presumed_since, disputed, facts,
              state_facts, sources
  )
  select range_agg(d.days) into changed
  from ((select * from old except all select * from new) union all (select * from new except all select * from old)) d;
  with old as (
    delete from custody_claimant where person_id = any(ids) returning person_id
  ), new as (
    insert into custody_claimant (person_id, latest_definite)
    select person_id, latest_definite from custody_claimant_now where person_id = any(ids)
    returning person_id
  )
  select exists ((select person_id from old except select person_id from new)
                 union all (select person_id from new except select person_id from old))
  into claimants_changed;
  if claimants_changed or latest_before is distinct from (select max(latest_definite) from custody_claimant) then
    changed := '{(,)}';
  end if;
  if changed is not null and not isempty(changed) then
    insert into count_stale (days) values (changed);
  end if;
  perform set_config('casefile.reader', coalesce(reader, ''), true);
end
$$;

-- The global version goes: a change is still announced (V11), and moves nothing every writer shares.
create or replace function cf_notify_change() returns trigger language plpgsql as
$$
begin
  perform pg_notify('casefile_changes', tg_table_name);
  return null;
end
$$;

drop table data_version;
