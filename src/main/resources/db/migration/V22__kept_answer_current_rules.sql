-- Two rules that were written out wherever they were asked, now one function each.

-- Whether a kept count answer (count_answer, V21) may be served: the builder has not marked it stale, and no change
-- its snapshot did not see covers its day.
create function cf_count_answer_current(stale boolean, day date, seen pg_snapshot) returns boolean
  language sql stable as
$$
  select not stale and not cf_count_outdated(day, seen)
$$;

-- Whether a reader sees a change to some person that snapshot seen did not (person_change, V20): what a list or an
-- index kept from seen must take in before it answers. Always true when nothing was kept (seen null).
create function cf_people_changed_since(seen pg_snapshot) returns boolean language sql stable as
$$
  select seen is null or exists (select 1 from cf_person_changes_since(seen))
$$;

-- A kept count answer outdated by changes to people's runs alone is brought up to date from those changes instead of
-- being counted again: each judging records the runs it removed and added (count_run_change, sign -1 and +1) under
-- the count_stale row that marks their days, and such a row says so (runs). A row marking days for any other reason
-- (a citation, a source, a definition, the claimants, the last confirmation) leaves the answers of its days to be
-- counted again. Rows go when their count_stale row is forgotten.
alter table count_stale add column runs boolean not null default false;

create table count_run_change (
  stale_id        bigint not null references count_stale on delete cascade,
  sign            smallint not null check (sign in (-1, 1)),
  person_id       text not null,
  name            text,
  days            daterange not null,
  state           text,
  certainty       text,
  disputed        boolean,
  last_confirmed  date,
  sources         text[]
);
create index count_run_change_stale_idx on count_run_change (stale_id);

comment on table count_run_change is
  'The judged runs a change removed (-1) and added (+1), for bringing kept count answers up to date (V22).';

-- When a kept answer was first marked stale (the count builder brings up to date those no reader has asked for
-- since), and whether a change that outdates it cannot be patched in (its day is then counted again).
alter table count_answer add column stale_at timestamptz,
  add column unpatchable boolean not null default false;

-- A count's sourceCount and sources change with the people a source backs on a day: found by source. Written into
-- at once (fastupdate off): a pending list that every change grows would be read by every such search.
create index custody_judgement_sources_idx on custody_judgement using gin (sources) with (fastupdate = off);

-- Whether the answer for day counted from seen can be brought up to date from count_run_change: every change it did
-- not see that covers its day changed runs alone, and none has been forgotten.
create function cf_count_patchable(day date, seen pg_snapshot) returns boolean language sql stable as
$$
  select pg_snapshot_xmin(seen) > (select forgotten_through from count_answers_kept)
         and not exists (select 1 from count_stale s
                         where s.changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(s.changed_by, seen)
                           and s.days @> day and not s.runs)
$$;

-- The runs removed and added on day by the changes seen did not see (cf_count_patchable says whether they are all).
create function cf_count_run_changes(day date, seen pg_snapshot) returns setof count_run_change language sql stable as
$$
  select r.* from count_stale s join count_run_change r on r.stale_id = s.id
  where s.changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(s.changed_by, seen)
    and s.days @> day and r.days @> day
$$;

-- As V21's, and records the runs that differ.
create or replace function cf_custody_judge_people(ids text[]) returns void language plpgsql as
$$
declare
  reader text := current_setting('casefile.reader', true);
  latest_before date := (select max(latest_definite) from custody_claimant);
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
  ), differ as (
    select -1 as sign, d.* from (select * from old except all select * from new) d
    union all
    select 1, d.* from (select * from new except all select * from old) d
  ), marked as (
    insert into count_stale (days, runs)
    select range_agg(days), true from differ having count(*) > 0
    returning id
  )
  insert into count_run_change (stale_id, sign, person_id, name, days, state, certainty, disputed, last_confirmed, sources)
  select m.id, d.sign, d.person_id, d.name, d.days, d.state, d.certainty, d.disputed, d.last_confirmed, d.sources
  from differ d, marked m;
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
    insert into count_stale (days) values ('{(,)}');
  end if;
  perform set_config('casefile.reader', coalesce(reader, ''), true);
end
$$;
