-- GET /api/counts?asOf=D&definition=detained: the best single SQL for "how many people were detained on D"
-- (people, not claims; deprecated claims never count; restricted people are left out by row-level security
-- because pgbench logs in as the service's role). The same predicate as the list filter's total.
\set d random(0, 4382)
select count(*) from person p
  where p.merged_into is null and exists (select 1 from custody_period c where c.person_id = p.id
    and exists (select 1 from fact d where d.id = c.fact_id and d.rank <> 'deprecated')
    and c.state in ('arrested', 'pretrial_detention', 'imprisoned') and c.possible_span @> (date '2010-01-01' + cast(:d as int)));
