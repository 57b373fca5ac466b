-- The kept custody judgement (custody_judgement, custody_claimant) was rebuilt whole after every change, and until
-- it was, every count and status was judged from the claims. It is now kept per person, in the writing transaction:
-- the people a change touches (those whose person_change version it moves, V12: one definition of "touches") are
-- judged again when the transaction commits, once each, whatever number of statements touched them. The kept
-- judgement is therefore always the data as the public sees it now, and nothing waits for a rebuild.

-- The people a transaction has touched and not yet judged again. Rows live only inside a writing transaction: the
-- deferred trigger below removes them before it commits. A second writer touching the same person waits for the
-- first to commit (the person_change row and this key), so its judgement reads the first one's changes.
create table custody_unjudged (
  person_id text primary key
);

-- The last day a public, undeprecated custody claim of the person confirms definitely: the newest such day of all
-- claimants is what a count says the letters confirm nothing after.
alter table custody_claimant add column latest_definite date;
create index custody_claimant_latest_definite_idx on custody_claimant (latest_definite);

-- The claimants as the reader sees the data now: people with an undeprecated custody claim, and its latest definite
-- day. Kept in custody_claimant as the public sees them; read directly by an editor's count.
create view custody_claimant_now as
select p.id as person_id, max(upper(c.definite_span) - 1) as latest_definite
from person p join custody_period c on c.person_id = p.id join fact f on f.id = c.fact_id
where p.merged_into is null and f.rank <> 'deprecated'
group by p.id;

-- A claim whose start no source dates covers every day before its end (or confirmation): its possible span has no
-- lower bound. The runs began at the first dated edge, so such a claim's status was missing from the kept judgement
-- on the days before it (a count on those days, read from the runs, left the person out). The runs now also begin
-- at the beginning of time; a run that does has no lower bound, as the claim's span has none.
create or replace function cf_custody_runs(ids text[], known timestamptz)
  returns table (person_id text, days daterange, status text, certainty text, since text, last_confirmed date,
                 presumed_since date, disputed boolean, facts bigint[], state_facts bigint[])
  language plpgsql stable as
$$
#variable_conflict use_column
begin
  return query
  with claim as (
    select c as whole, c.* from cf_custody_claims(ids, known) c
  ), person_claims as (
    select c.person_id, array_agg(c.whole) as claims from claim c group by c.person_id
  ), edge as (
    select distinct c.person_id, e.day
    from claim c cross join lateral (values (case when lower_inf(c.possible_span) and not isempty(c.possible_span)
                                                  then '-infinity'::date else lower(c.possible_span) end),
                                            (upper(c.possible_span)),
                                            (lower(c.definite_span)), (upper(c.definite_span)), (c.presumed_until)) e(day)
    where e.day is not null
  ), stretch as (
    select e.person_id, e.day as first_day, lead(e.day) over (partition by e.person_id order by e.day) as next_day from edge e
  ), judged as (
    select s.person_id, s.first_day, s.next_day, j.*
    from stretch s join person_claims pc on pc.person_id = s.person_id
    cross join lateral cf_custody_judge(pc.claims, s.first_day) j
    where j.status <> 'unknown'
  ), marked as (
    select j.*, case when lag(j.next_day) over w = j.first_day
                      and (lag(j.status) over w, lag(j.certainty) over w, lag(j.since) over w, lag(j.last_confirmed) over w,
                           lag(j.presumed_since) over w, lag(j.disputed) over w, lag(j.facts) over w)
                          is not distinct from (j.status, j.certainty, j.since, j.last_confirmed, j.presumed_since, j.disputed, j.facts)
                     then 0 else 1 end as starts
    from judged j window w as (partition by j.person_id order by j.first_day)
  ), numbered as (
    select m.*, sum(m.starts) over (partition by m.person_id order by m.first_day) as run from marked m
  )
  select n.person_id, daterange(nullif(min(n.first_day), '-infinity'), nullif(max(coalesce(n.next_day, 'infinity'::date)), 'infinity')),
         n.status, n.certainty, n.since, n.last_confirmed, n.presumed_since, n.disputed, n.facts, n.state_facts
  from numbered n
  group by n.person_id, n.run, n.status, n.certainty, n.since, n.last_confirmed, n.presumed_since, n.disputed, n.facts, n.state_facts;
end
$$;

-- As before (V18), reading a run with no lower bound too.
create or replace function cf_custody_status_now(ids text[], day date, basis text)
  returns table (person_id text, status text, certainty text, since text, last_confirmed date, presumed_since date,
                 disputed boolean, facts bigint[], state_facts bigint[])
  language sql stable as
$$
  select a.person_id, coalesce(j.state, 'unknown'), coalesce(j.certainty, 'unknown'), j.since, j.last_confirmed,
         j.presumed_since, coalesce(j.disputed, false), coalesce(j.facts, '{}'), coalesce(j.state_facts, '{}')
  from unnest(ids) a(person_id)
  -- The day as bounds, not days @> day: read by the person's index alone. A plan that also scans the days index
  -- reads every run covering the day, and presumed runs cover most days.
  left join custody_judgement j on j.person_id = a.person_id and (lower_inf(j.days) or lower(j.days) <= day)
                               and (upper(j.days) > day or upper_inf(j.days)) and cf_custody_in_basis(j.certainty, basis)
  where cf_custody_judgement_current()
  union all
  select s.person_id, s.status, s.certainty, s.since, s.last_confirmed, s.presumed_since, s.disputed, s.facts, s.state_facts
  from cf_custody_status_of(ids, day, null, basis) s
  where not cf_custody_judgement_current()
$$;

-- Judges people ids again (everyone when null), as the public sees the data: their runs and claimant rows replaced.
create function cf_custody_judge_people(ids text[]) returns void language plpgsql as
$$
declare
  reader text := current_setting('casefile.reader', true);
begin
  perform set_config('casefile.reader', '', true);
  if ids is null then
    delete from custody_judgement;
    delete from custody_claimant;
  else
    delete from custody_judgement where person_id = any(ids);
    delete from custody_claimant where person_id = any(ids);
  end if;
  insert into custody_judgement (person_id, name, days, state, certainty, since, last_confirmed, presumed_since,
                                 disputed, facts, state_facts, sources)
  select r.person_id, p.name, r.days, r.status, r.certainty, r.since, r.last_confirmed, r.presumed_since,
         r.disputed, r.facts, r.state_facts,
         array(select distinct ci.source_id from citation ci where ci.fact_id = any(r.state_facts) order by 1)
  from cf_custody_runs(ids, null) r join person p on p.id = r.person_id and p.merged_into is null;
  insert into custody_claimant (person_id, latest_definite)
  select person_id, latest_definite from custody_claimant_now where ids is null or person_id = any(ids);
  perform set_config('casefile.reader', coalesce(reader, ''), true);
end
$$;

-- Whom a change touched: every person whose version it moved. casefile.custody_unjudged says, in this transaction,
-- that someone is waiting (a bulk change marks everyone, and each of their commit-time calls below must then be a
-- look at a setting, not a search of the table).
create function cf_custody_mark_unjudged() returns trigger language plpgsql as
$$
begin
  insert into custody_unjudged (person_id)
  select distinct person_id from changed_rows order by 1
  on conflict (person_id) do nothing;
  perform set_config('casefile.custody_unjudged', 'yes', true);
  return null;
end
$$;

create trigger person_change_unjudged_i after insert on person_change referencing new table as changed_rows
  for each statement execute function cf_custody_mark_unjudged();
create trigger person_change_unjudged_u after update on person_change referencing new table as changed_rows
  for each statement execute function cf_custody_mark_unjudged();

-- At commit, once per person marked: the first call judges everyone marked in one go (everyone at once after a bulk
-- change, which outdates everyone), the later calls find no one waiting.
create function cf_custody_judge_unjudged() returns trigger language plpgsql as
$$
declare
  ids text[];
begin
  if current_setting('casefile.custody_unjudged', true) is distinct from 'yes' then
    return null;
  end if;
  perform set_config('casefile.custody_unjudged', 'no', true);
  with judged as (delete from custody_unjudged returning person_id)
  select array_agg(person_id) into ids from judged;
  if cardinality(ids) > 10000 then
    perform cf_custody_judge_people(null);
    analyze custody_judgement;
    analyze custody_claimant;
  else
    perform cf_custody_judge_people(ids);
  end if;
  return null;
end
$$;

create constraint trigger custody_unjudged_judged after insert on custody_unjudged
  deferrable initially deferred for each row execute function cf_custody_judge_unjudged();

-- The kept judgement is current whenever it can be read: a reader may use it if they see what the public sees.
create or replace function cf_custody_judgement_current() returns boolean language plpgsql stable as
$$
begin
  return not cf_sees_restricted();
end
$$;

-- What it was built from no longer matters; what remains is which answers the service has kept in advance.
alter table custody_judgement_built drop column built_version, drop column built_at, drop column latest_definite;

select cf_custody_judge_people(null);
