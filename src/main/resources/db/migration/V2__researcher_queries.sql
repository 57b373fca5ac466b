-- What researchers ask: who was in which custody state on a date, found by any spelling of a name.

-- unaccent() is only STABLE (its dictionary could change); Casefile pins the dictionary so the search key can be
-- indexed and stored.
create function cf_unaccent(t text) returns text
  language sql immutable strict parallel safe as
$$ select public.unaccent('public.unaccent'::regdictionary, t) $$;

-- The key a name is searched by: accents and case dropped, punctuation to spaces, honorifics removed, spaces folded.
-- "Mr. Rong Chhun" and "rong chhun" share a key; spelling variants stay close under trigram similarity.
create function cf_name_key(t text) returns text
  language sql immutable strict parallel safe as
$$
  select btrim(regexp_replace(
           regexp_replace(
             regexp_replace(lower(cf_unaccent(t)), '[^[:alnum:]]+', ' ', 'g'),
             '(^| )(mr|mrs|ms|miss|dr|prof|h e|he|sen|senator|samdech|lok|neak|oknha|excellency)( |$)', ' ', 'g'),
           ' +', ' ', 'g'))
$$;

alter table person_name add column search_key text generated always as (cf_name_key(name)) stored;
create index person_name_search_trgm_idx on person_name using gin (search_key gin_trgm_ops);
drop index person_name_trgm_idx;

-- The days a custody claim covers, derived from what it states, so "status on day D" is a range lookup:
--  * definitely: from the latest possible start (or, with no start stated, the day the source confirms it) to the
--    day before the earliest possible end; with no end stated, only up to the day the source confirms it: a letter
--    is evidence up to its own date and no further;
--  * possibly: from the earliest possible start to the latest possible end (or the last definite day).
create function cf_custody_span(start_stated boolean, start_lower date, start_upper date, end_lower date,
                                end_upper date, confirmed_on date, definite boolean) returns daterange
  language sql immutable parallel safe as
$$
  with bounds as (
    select case when definite then (case when start_stated then start_upper else confirmed_on end)
                else (case when start_stated then start_lower else confirmed_on end) end as first_day,
           case when definite and end_lower is not null then end_lower - 1
                when not definite and coalesce(end_upper, end_lower) is not null then coalesce(end_upper, end_lower)
                when start_stated and confirmed_on is not null then greatest(start_upper, confirmed_on)
                when start_stated then start_upper
                else confirmed_on end as last_day)
  select case when definite and (first_day is null or last_day is null) then 'empty'::daterange
              -- no dated evidence at all: the claim covers no day (never the whole of time)
              when first_day is null and last_day is null then 'empty'::daterange
              when first_day is not null and last_day is not null and first_day > last_day then 'empty'::daterange
              else daterange(first_day, last_day, '[]') end
  from bounds
$$;

-- A claim with no dated evidence (no start, end or confirmation day: e.g. "still remains" in an undated
-- template letter) covers no day: it shows in the person's history but never answers an as-of question.
alter table custody_period
  add column definite_span daterange generated always as (
    cf_custody_span(start_edtf is not null, start_lower, start_upper, end_lower, end_upper, confirmed_on, true)) stored,
  add column possible_span daterange generated always as (
    cf_custody_span(start_edtf is not null, start_lower, start_upper, end_lower, end_upper, confirmed_on, false)) stored;

create index custody_period_possible_span_idx on custody_period using gist (possible_span);
create index custody_period_person_state_idx on custody_period (person_id, state);

create index incident_title_trgm_idx on incident using gin (lower(title) gin_trgm_ops);
create index charge_incident_idx on charge (incident_id);
create index citizenship_country_idx on citizenship (lower(country));
