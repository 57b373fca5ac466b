-- GET /api/persons/{id}/status?asOf=D: StatusService.status's queries: the person, the claims covering D, the
-- nearest claims before and after when none does, and the citations of those claims; one transaction.
\set i random(1, :people)
\set d random(0, 4382)
BEGIN;
select p1_0.id, p1_0.change_reason, p1_0.concern, p1_0.merged_into, p1_0.name, p1_0.recorded_by, p1_0.restricted
  from person p1_0 where p1_0.id = 'gen-' || :i;
select count(*) as covering from (
select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       coalesce(c.definite_span @> (date '2010-01-01' + cast(:d as int)), false)
  from custody_period c join fact f on f.id = c.fact_id
  where c.person_id in ('gen-' || :i) and f.rank <> 'deprecated' and c.possible_span @> (date '2010-01-01' + cast(:d as int))
  order by c.person_id, c.fact_id) covering \gset
\if :covering = 0
select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       coalesce(c.definite_span @> (date '2010-01-01' + cast(:d as int)), false)
  from custody_period c join fact f on f.id = c.fact_id
  where c.person_id = 'gen-' || :i and f.rank <> 'deprecated' and not isempty(c.possible_span)
    and upper(c.possible_span) <= (date '2010-01-01' + cast(:d as int))
  order by upper(c.possible_span) desc, c.fact_id limit 1;
select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       coalesce(c.definite_span @> (date '2010-01-01' + cast(:d as int)), false)
  from custody_period c join fact f on f.id = c.fact_id
  where c.person_id = 'gen-' || :i and f.rank <> 'deprecated' and not isempty(c.possible_span)
    and lower(c.possible_span) > (date '2010-01-01' + cast(:d as int))
  order by lower(c.possible_span), c.fact_id limit 1;
\endif
select c1_0.fact_id, c1_0.id, c1_0.end_offset, c1_0.prefix, c1_0.quote, c1_0.source_id, c1_0.start_offset, c1_0.suffix
  from citation c1_0 where c1_0.fact_id in (
    select c.fact_id from custody_period c where c.person_id = 'gen-' || :i and c.possible_span @> (date '2010-01-01' + cast(:d as int)))
  order by c1_0.fact_id, c1_0.id;
COMMIT;
