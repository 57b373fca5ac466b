-- GET /api/persons?status=detained&asOf=D: PersonService.list's page query, the page's people, their name forms,
-- their status claims on D (StatusService.statuses), and the total; one transaction, as the service sends them.
\set d random(0, 4382)
BEGIN;
select coalesce(array_agg(id), '{}') as ids from (
  select p.id from person p
  where p.merged_into is null and exists (select 1 from custody_period c where c.person_id = p.id
    and exists (select 1 from fact d where d.id = c.fact_id and d.rank <> 'deprecated')
    and c.state in ('arrested', 'pretrial_detention', 'imprisoned') and c.possible_span @> (date '2010-01-01' + cast(:d as int)))
  order by p.name, p.id offset 0 rows fetch next 20 rows only) page \gset
select p1_0.id, p1_0.change_reason, p1_0.concern, p1_0.merged_into, p1_0.name, p1_0.recorded_by, p1_0.restricted
  from person p1_0 where p1_0.id = any(cast(:ids as text[]));
select pn1_0.person_id, pn1_0.name from person_name pn1_0 where pn1_0.person_id = any(cast(:ids as text[])) order by pn1_0.fact_id;
select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       coalesce(c.definite_span @> (date '2010-01-01' + cast(:d as int)), false)
  from custody_period c join fact f on f.id = c.fact_id
  where c.person_id = any(cast(:ids as text[])) and f.rank <> 'deprecated' and c.possible_span @> (date '2010-01-01' + cast(:d as int))
  order by c.person_id, c.fact_id;
select count(*) from person p
  where p.merged_into is null and exists (select 1 from custody_period c where c.person_id = p.id
    and exists (select 1 from fact d where d.id = c.fact_id and d.rank <> 'deprecated')
    and c.state in ('arrested', 'pretrial_detention', 'imprisoned') and c.possible_span @> (date '2010-01-01' + cast(:d as int)));
COMMIT;
