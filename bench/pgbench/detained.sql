-- GET /api/persons?status=detained&asOf=D: PersonService.list's page query (the kept judgement, current while
-- nobody writes: bench/run.sh waits for it), the page's people with their name forms, their statuses on D
-- (StatusService.statuses: V15's cf_custody_status_now), and the total; one transaction, as the service sends them.
\set d random(0, 4382)
BEGIN;
select cf_custody_judgement_current();
select coalesce(array_agg(id), '{}') as ids from (
  select p.id from person p
  join (select person_id, name, state, certainty, disputed, last_confirmed, sources
        from custody_judgement where days @> (date '2010-01-01' + cast(:d as int))) s
    on s.person_id = p.id and s.state in ('arrested', 'pretrial_detention', 'imprisoned')
   and cf_custody_in_basis(s.certainty, 'last_known')
  where p.merged_into is null
  order by p.name, p.id offset 0 rows fetch next 20 rows only) page \gset
select p.id, p.name, array(select n.name from person_name n where n.person_id = p.id order by n.fact_id)
  from person p where p.id = any(cast(:ids as text[]));
select person_id, status, certainty, since, last_confirmed, presumed_since, disputed, facts, state_facts
  from cf_custody_status_now(cast(:ids as text[]), date '2010-01-01' + cast(:d as int), 'last_known');
select count(*) from person p
  join (select person_id, name, state, certainty, disputed, last_confirmed, sources
        from custody_judgement where days @> (date '2010-01-01' + cast(:d as int))) s
    on s.person_id = p.id and s.state in ('arrested', 'pretrial_detention', 'imprisoned')
   and cf_custody_in_basis(s.certainty, 'last_known')
  where p.merged_into is null;
COMMIT;
