-- One judgement. How a person's custody claims become a status on a day is written here, once
-- (cf_custody_judge), and everything that answers a status calls it: GET /api/persons/{id}/status, the list's
-- status filter, counts, drafts, the person's status history and the kept projection custody_judgement.
--
-- Certainty, best first:
--   definite   a claim covers the day for certain;
--   possible   a claim covers the day only within the imprecision of its dates;
--   presumed   no claim covers the day, but the latest claim before it has not been ended (no stated end, no
--              sentence served out) nor followed by another claim: its state is the last known status, labelled as
--              such, with the day it was last confirmed (prisoner lists keep a person detained until a release is
--              reported; Casefile does the same openly, never silently);
--   unknown    none of these.
-- How states persist: deceased never ends (definite from the latest possible day of death); imprisonment under a
-- dated sentence is presumed until the earliest day its term can end; any other state with no stated end is
-- presumed to continue until a later claim starts.

-- Whether two states claimed for the same day disagree. An arrest is compatible with being held the same day (the
-- day of arrest is also the first day of detention); any other pair of different states is a conflict.
create function cf_custody_conflict(a text, b text) returns boolean language sql immutable parallel safe as
$$
  select a <> b and not ((a = 'arrested' and b in ('pretrial_detention', 'imprisoned', 'house_arrest'))
                      or (b = 'arrested' and a in ('pretrial_detention', 'imprisoned', 'house_arrest')))
$$;

-- Whether an answer of this certainty counts under a basis: confirmed (a source's claim covers the day) or
-- last_known (also the presumed last known status).
create function cf_custody_in_basis(certainty text, basis text) returns boolean language sql immutable parallel safe as
$$
  select case basis when 'confirmed' then certainty in ('definite', 'possible')
                    when 'last_known' then certainty in ('definite', 'possible', 'presumed') end
$$;

-- One custody claim as the judgement reads it: the days it covers definitely and possibly (a death's days run on
-- without end), whether its state may be presumed after them (no end stated) and until when (a sentence's term).
create type cf_custody_claim as (
  fact_id        bigint,
  person_id      text,
  state          text,
  rank           text,
  start_edtf     text,
  end_edtf       text,
  confirmed_on   date,
  definite_span  daterange,
  possible_span  daterange,
  presumable     boolean,
  presumed_until date
);

-- A person's status on a day. facts: the claims it rests on, the best first; state_facts: those of the judged state.
create type cf_custody_status as (
  status          text,
  certainty       text,
  since           text,
  last_confirmed  date,
  presumed_since  date,
  disputed        boolean,
  facts           bigint[],
  state_facts     bigint[]
);

-- A death or an imprisonment as the judgement reads it (cf_custody_claim_of), which needs more than the claim's row.
-- A death with no dated evidence of its own is definite from the latest possible day of death: the earliest
-- latest-possible day of the sources that report it, or of a killing the person is the victim of. A dated sentence
-- (a convicted charge with its years) ends the presumption of imprisonment on the earliest day its term can end.
create function cf_custody_claim_looked_up(fact_id bigint, person_id text, state text, rank text, start_edtf text,
                                           end_edtf text, confirmed_on date, definite_span daterange,
                                           possible_span daterange)
  returns cf_custody_claim language plpgsql stable as
$$
declare
  death date;
  term date;
begin
  if state = 'deceased' then
    death := least(case when isempty(definite_span) then null else lower(definite_span) end,
                   (select min(s.date_upper) from citation ci join source s on s.id = ci.source_id where ci.fact_id = $1),
                   (select min(i.date_upper) from involvement v join incident i on i.id = v.incident_id
                    where v.person_id = $2 and v.role = 'victim' and i.incident_type = 'killing'
                      and exists (select 1 from fact d where d.id = v.fact_id and d.rank <> 'deprecated')));
    if death is not null then
      definite_span := daterange(death, null);
      possible_span := daterange(least(case when isempty(possible_span) then null else lower(possible_span) end, death), null);
    end if;
  elsif state = 'imprisoned' and not isempty(possible_span) then
    term := (select max(cast(ch.date_lower + ch.sentence_years * interval '1 year' as date))
             from charge ch
             where ch.person_id = $2 and ch.stage = 'convicted' and ch.sentence_years is not null
               and ch.date_lower is not null and ch.date_lower < upper(possible_span)
               and exists (select 1 from fact d where d.id = ch.fact_id and d.rank <> 'deprecated'));
  end if;
  return row(fact_id, person_id, state, rank, start_edtf, end_edtf, confirmed_on, definite_span, possible_span,
             end_edtf is null and state <> 'deceased', term)::cf_custody_claim;
end
$$;

-- One claim as the judgement reads it: any state but a death or an imprisonment straight from its row.
create function cf_custody_claim_of(fact_id bigint, person_id text, state text, rank text, start_edtf text, end_edtf text,
                                    confirmed_on date, definite_span daterange, possible_span daterange)
  returns cf_custody_claim language sql stable as
$$
  select case when state in ('deceased', 'imprisoned')
              then cf_custody_claim_looked_up(fact_id, person_id, state, rank, start_edtf, end_edtf, confirmed_on,
                                              definite_span, possible_span)
              else row(fact_id, person_id, state, rank, start_edtf, end_edtf, confirmed_on, definite_span, possible_span,
                       end_edtf is null, null)::cf_custody_claim end
$$;

-- The claims of people ids (everyone when null), now or as recorded at known (cf_custody_at), as the judgement reads
-- them. Three statements, so that each is planned for what it reads (a few people by index, or everyone).
create function cf_custody_claims(ids text[], known timestamptz) returns setof cf_custody_claim
  language plpgsql stable as
$$
begin
  if known is null and ids is not null then
    return query select (x.claim).* from custody_period c join fact f on f.id = c.fact_id
      cross join lateral (select cf_custody_claim_of(c.fact_id, c.person_id, c.state, f.rank, c.start_edtf, c.end_edtf,
                                                     c.confirmed_on, c.definite_span, c.possible_span) as claim offset 0) x
      where c.person_id = any(ids);
  elsif known is null then
    return query select (x.claim).* from custody_period c join fact f on f.id = c.fact_id
      cross join lateral (select cf_custody_claim_of(c.fact_id, c.person_id, c.state, f.rank, c.start_edtf, c.end_edtf,
                                                     c.confirmed_on, c.definite_span, c.possible_span) as claim offset 0) x;
  else
    return query select (x.claim).* from cf_custody_at(known) c
      cross join lateral (select cf_custody_claim_of(c.fact_id, c.person_id, c.state, c.rank, c.start_edtf, c.end_edtf,
                                                     c.confirmed_on, c.definite_span, c.possible_span) as claim offset 0) x
      where ids is null or c.person_id = any(ids);
  end if;
end
$$;

-- THE judgement: the status of one person on a day, from their claims.
--  1. Deprecated claims never count.
--  2. The claims covering the day, preferred ones only if there are any; of those, the definite ones if any: the
--     status is definite, else possible.
--  3. Else the claims that stopped covering last before the day (preferred ones only if any): when none of them
--     was ended (a stated end, a sentence served out), their state is presumed, from the day after they stopped.
--  4. The claim confirmed latest comes first and gives the status; claims in conflicting states make it disputed.
create function cf_custody_judge(claims cf_custody_claim[], day date) returns cf_custody_status
  language plpgsql immutable parallel safe as
$$
begin
  return coalesce((
      with claim as (
        select c.*, c.possible_span @> day as covers, coalesce(c.definite_span @> day, false) as definite
        from unnest(claims) c where c.rank <> 'deprecated'
      ), covering as (
        select * from claim
        where covers and (rank = 'preferred' or not exists (select 1 from claim p where p.covers and p.rank = 'preferred'))
      ), confirmed as (
        select * from covering where definite or not exists (select 1 from covering d where d.definite)
      ), ended as (
        select * from claim where not isempty(possible_span) and upper(possible_span) <= day
      ), latest as (
        select * from ended
        where upper(possible_span) = (select max(upper(possible_span)) from ended)
          and (rank = 'preferred' or not exists (select 1 from ended p where p.rank = 'preferred'
                                                 and upper(p.possible_span) = (select max(upper(possible_span)) from ended)))
      ), presumed as (
        select * from latest
        where not exists (select 1 from confirmed)
          and not exists (select 1 from latest l where not l.presumable or l.presumed_until <= day)
      ), pool as (
        select p.*, case when p.covers and p.definite then 'definite' when p.covers then 'possible' else 'presumed' end as held,
               row_number() over (order by case when isempty(p.definite_span) then null
                                                when upper_inf(p.definite_span) then 'infinity'::date
                                                else upper(p.definite_span) end desc nulls last, p.fact_id) as position
        from (select * from confirmed union all select * from presumed) p
      ), best as (
        select * from pool where position = 1
      )
      select row(b.state,
             case when exists (select 1 from pool where held = 'definite') then 'definite' else b.held end,
             (select p.start_edtf from pool p where p.state = b.state and p.start_edtf is not null order by p.position limit 1),
             (select max(case when isempty(p.definite_span) or upper_inf(p.definite_span) then null
                              else upper(p.definite_span) - 1 end) from pool p where p.state = b.state),
             case when b.held = 'presumed' then upper(b.possible_span) end,
             exists (select 1 from pool x join pool y on cf_custody_conflict(x.state, y.state)),
             array(select p.fact_id from pool p order by p.position),
             array(select p.fact_id from pool p where p.state = b.state order by p.position))::cf_custody_status
      from best b
  ), row('unknown', 'unknown', null, null, null, false, '{}', '{}')::cf_custody_status);
end
$$;

-- The status of people ids on a day, now or as recorded at known, under basis: a presumed status counts only
-- under last_known (else the answer is unknown). With ids null: everyone who may have a status that day, under
-- basis: with a claim that covers it (confirmed), or also one that began before it (last_known).
create function cf_custody_status_of(ids text[], day date, known timestamptz, basis text)
  returns table (person_id text, status text, certainty text, since text, last_confirmed date, presumed_since date,
                 disputed boolean, facts bigint[], state_facts bigint[])
  language plpgsql stable as
$$
#variable_conflict use_column
begin
  if ids is null and known is null then
    ids := array(select distinct c.person_id from custody_period c
                 where c.state = 'deceased' or (case when basis = 'confirmed' then c.possible_span @> day
                                                     else c.possible_span && daterange(null, day, '[]') end));
  elsif ids is null then
    ids := array(select distinct c.person_id from cf_custody_at(known) c
                 where c.state = 'deceased' or c.possible_span && daterange(null, day, '[]'));
  end if;
  return query
  with claims as (
    select c.person_id, array_agg(c) as claims from cf_custody_claims(ids, known) c group by c.person_id
  )
  select a.person_id, (case when cf_custody_in_basis(j.certainty, basis) then j
                             else row('unknown', 'unknown', null, null, null, false, '{}', '{}')::cf_custody_status end).*
  from unnest(ids) a(person_id)
  left join claims c on c.person_id = a.person_id
  cross join lateral cf_custody_judge(coalesce(c.claims, '{}'), day) j;
end
$$;

-- The status of people ids (everyone when null) over time, now or as recorded at known: one row per run of days
-- with the same judgement, unknown days left out. The judgement can change only on a day some claim of the person
-- begins or stops covering (or its presumption ends), so it is made once for each stretch between such days.
create function cf_custody_runs(ids text[], known timestamptz)
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
    from claim c cross join lateral (values (lower(c.possible_span)), (upper(c.possible_span)),
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
  select n.person_id, daterange(min(n.first_day), nullif(max(coalesce(n.next_day, 'infinity'::date)), 'infinity')),
         n.status, n.certainty, n.since, n.last_confirmed, n.presumed_since, n.disputed, n.facts, n.state_facts
  from numbered n
  group by n.person_id, n.run, n.status, n.certainty, n.since, n.last_confirmed, n.presumed_since, n.disputed, n.facts, n.state_facts;
end
$$;

-- The kept projection (V13) holds the runs whole: what a status answer carries, so that a public read of a status
-- while it is current is a lookup. It is rebuilt by the service from the data; nothing in it is lost here.
drop table custody_judgement;
create table custody_judgement (
  person_id      text not null,
  name           text not null,
  days           daterange not null,
  state          text not null,
  certainty      text not null check (certainty in ('definite', 'possible', 'presumed')),
  since          text,
  last_confirmed date,
  presumed_since date,
  disputed       boolean not null,
  facts          bigint[] not null,
  state_facts    bigint[] not null,
  sources        text[] not null
);
create index custody_judgement_days_idx on custody_judgement using gist (days)
  include (person_id, name, state, certainty, disputed, last_confirmed, sources);
create index custody_judgement_person_idx on custody_judgement (person_id, days);
update custody_judgement_built set built_version = null, built_at = null, latest_definite = null,
                                   answers_kept_for = null, answers_definitions = null;

-- Whether this reader may read statuses from the kept projection: it was built as the public sees the data (an
-- editor, who sees restricted records, may not) and from the data as it is now.
create function cf_custody_judgement_current() returns boolean language sql stable as
$$
  select not cf_sees_restricted()
         and coalesce((select built_version from custody_judgement_built) = (select version from data_version), false)
$$;

-- The status of people ids on a day now, under basis: from the kept projection while this reader may use it, else
-- judged (cf_custody_status_of). The same answer either way.
create function cf_custody_status_now(ids text[], day date, basis text)
  returns table (person_id text, status text, certainty text, since text, last_confirmed date, presumed_since date,
                 disputed boolean, facts bigint[], state_facts bigint[])
  language plpgsql stable as
$$
#variable_conflict use_column
begin
  if cf_custody_judgement_current() then
    return query
    select a.person_id, coalesce(j.state, 'unknown'), coalesce(j.certainty, 'unknown'), j.since, j.last_confirmed,
           j.presumed_since, coalesce(j.disputed, false), coalesce(j.facts, '{}'), coalesce(j.state_facts, '{}')
    from unnest(ids) a(person_id)
    -- The day as bounds, not days @> day: read by the person's index alone. A cached plan that also scans the days
    -- index reads every run covering the day, and presumed runs cover most days.
    left join custody_judgement j on j.person_id = a.person_id and lower(j.days) <= day
                                 and (upper(j.days) > day or upper_inf(j.days)) and cf_custody_in_basis(j.certainty, basis);
  else
    return query select * from cf_custody_status_of(ids, day, null, basis);
  end if;
end
$$;

-- Kept count answers are per basis too.
delete from count_answer;
alter table count_answer add column basis text not null check (basis in ('confirmed', 'last_known'));
alter table count_answer drop constraint count_answer_pkey;
alter table count_answer add primary key (definition, basis, day);
