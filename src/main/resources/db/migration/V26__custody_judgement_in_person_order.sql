-- A status is read from the kept judgement by the person's index (custody_judgement_person_idx), and each of the
-- person's runs is then read from the table. Built whole, the runs lay where the judging's aggregation left them, one
-- person's runs on as many pages as they have runs (some twenty on the benchmark's data): a page of the detained
-- list read some four hundred pages for twenty statuses, most from outside PostgreSQL's buffers. Built in the
-- person's order they share a page or two; a person judged again later has their runs written by one statement, so
-- together. The judgement kept now is put in that order once.

-- As V25's, the judgement built whole in the person's order.
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
    select * from cf_custody_judged(null) order by person_id, days;
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

cluster custody_judgement using custody_judgement_person_idx;
analyze custody_judgement;
