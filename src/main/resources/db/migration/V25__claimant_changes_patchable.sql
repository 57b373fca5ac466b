-- A new person with custody facts (or one whose last ones went), or a new last day any source confirms, outdated
-- every kept count answer beyond patching: each count states how many claimants no source confirms on its day
-- (unconfirmed) and that last day (latestConfirmation), so every day was counted again, minutes of work that an
-- editor adding people restarts with each one. Both figures follow from the change without counting: unconfirmed
-- moves by the claimants gained or lost (less those whose changed runs confirm the day, which the runs say), and the
-- last day is read as it is now. The change's count_stale row now says how many claimants it gained (net), and is
-- one CountPatch can bring answers up to date from (runs: true).
alter table count_stale add column claimants integer not null default 0;

comment on column count_stale.runs is
  'True when every day it marks can be brought up to date by CountPatch: from the runs recorded under it (count_run_change), its claimants gained and the last confirmation as it is now (V22, V25).';

-- The claimants gained, net, by the changes snapshot seen did not see: what CountPatch adds to unconfirmed.
create function cf_count_claimants_gained(seen pg_snapshot) returns bigint language sql stable as
$$
  select coalesce(sum(s.claimants), 0) from count_stale s
  where s.changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(s.changed_by, seen)
$$;

-- As V22's, but a change of the claimants or of the last confirmation marks every day patchable, with the claimants
-- gained.
create or replace function cf_custody_judge_people(ids text[]) returns void language plpgsql as
$$
declare
  reader text := current_setting('casefile.reader', true);
  latest_before date := (select max(latest_definite) from custody_claimant);
  claimants_before text[];
  claimants_after text[];
  gained integer;
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
  )
  select coalesce(array_agg(person_id), '{}') into claimants_before from old;
  with new as (
    insert into custody_claimant (person_id, latest_definite)
    select person_id, latest_definite from custody_claimant_now where person_id = any(ids)
    returning person_id
  )
  select coalesce(array_agg(person_id), '{}') into claimants_after from new;
  gained := (select count(*) from unnest(claimants_after) a where a <> all(claimants_before))
          - (select count(*) from unnest(claimants_before) b where b <> all(claimants_after));
  claimants_changed := not (claimants_before @> claimants_after and claimants_after @> claimants_before);
  if claimants_changed or latest_before is distinct from (select max(latest_definite) from custody_claimant) then
    insert into count_stale (days, runs, claimants) values ('{(,)}', true, gained);
  end if;
  perform set_config('casefile.reader', coalesce(reader, ''), true);
end
$$;
