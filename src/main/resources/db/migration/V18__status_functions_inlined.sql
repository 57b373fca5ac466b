-- A person's status is read on every person page and status request (StatusService's one statement), and that
-- statement was planned afresh on every execution: the claims function it called could also read everyone's claims,
-- so its generic plan was costed at a billion rows and PostgreSQL kept making custom plans (1.5 ms each) instead.
-- What a status read calls is now planned once per connection and runs in its caller's plan:

-- The claims of people ids as recorded now, as the judgement reads them: a SQL function of one statement, which
-- PostgreSQL inlines into the statement that calls it. cf_custody_claims answers with it for people now.
create function cf_custody_claims_now(ids text[]) returns setof cf_custody_claim language sql stable as
$$
  select (x.claim).* from custody_period c join fact f on f.id = c.fact_id
    cross join lateral (select cf_custody_claim_of(c.fact_id, c.person_id, c.state, f.rank, c.start_edtf, c.end_edtf,
                                                   c.confirmed_on, c.definite_span, c.possible_span) as claim offset 0) x
    where c.person_id = any(ids)
$$;

create or replace function cf_custody_claims(ids text[], known timestamptz) returns setof cf_custody_claim
  language plpgsql stable as
$$
begin
  if known is null and ids is not null then
    return query select * from cf_custody_claims_now(ids);
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

-- Whether this reader may use the kept judgement, as before; in PL/pgSQL, whose statements are planned once per
-- connection (a SQL function with subqueries is planned again in every statement that calls it).
create or replace function cf_custody_judgement_current() returns boolean language plpgsql stable as
$$
begin
  return not cf_sees_restricted()
         and coalesce((select built_version from custody_judgement_built) = (select version from data_version), false);
end
$$;

-- The status of people ids on a day now, as before, as one statement the caller's plan takes in: the kept projection
-- while this reader may use it, else judged. Which one is decided once per execution (a one-time filter).
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
  left join custody_judgement j on j.person_id = a.person_id and lower(j.days) <= day
                               and (upper(j.days) > day or upper_inf(j.days)) and cf_custody_in_basis(j.certainty, basis)
  where cf_custody_judgement_current()
  union all
  select s.person_id, s.status, s.certainty, s.since, s.last_confirmed, s.presumed_since, s.disputed, s.facts, s.state_facts
  from cf_custody_status_of(ids, day, null, basis) s
  where not cf_custody_judgement_current()
$$;
