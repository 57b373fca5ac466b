-- GET /api/timeline?format=csv with no filter: the query TimelineRepository sends (every branch of the UNION ALL,
-- no date condition, scope ALL), sent here in COPY (...) TO STDOUT. Lines starting with -- are dropped by run.sh.
-- run.sh sends it with jit off, as the service's connections log in.
-- service: org.casefile.timeline.TimelineRepository.EVERY_EVENT
select e.id, e.type, e.title, e.edtf, e.earliest, e.latest, e.people, e.organizations, e.own_source,
       e.fact_ids, c.sources, c.quotes, c.starts, c.ends
from (select 'incident:' || i.id as id, i.incident_type as type, i.title as title, i.date_edtf as edtf,
       i.date_lower as earliest, i.date_upper as latest, array[i.fact_id] as fact_ids, null::text as own_source,
       array(select distinct v.person_id from involvement v join fact vf on vf.id = v.fact_id
             where v.incident_id = i.id and v.person_id is not null and vf.rank <> 'deprecated'
             order by 1) as people,
       array(select distinct v.organization_id from involvement v join fact vf on vf.id = v.fact_id
             where v.incident_id = i.id and v.organization_id is not null and vf.rank <> 'deprecated'
             order by 1) as organizations
from incident i join fact f on f.id = i.fact_id
where f.rank <> 'deprecated'
union all
select 'custody-start:' || min(c.fact_id) as id, 'custody_start' as type,
       p.name || ': ' || replace(c.state, '_', ' ') || coalesce(' at ' || string_agg(distinct c.place, ' or ' order by c.place), '') || ' (period starts)' as title,
       c.start_edtf as edtf, c.start_lower as earliest, c.start_upper as latest, array_agg(c.fact_id order by c.fact_id) as fact_ids, null::text as own_source, array[p.id] as people, '{}'::text[] as organizations
from custody_period c join fact f on f.id = c.fact_id join person p on p.id = c.person_id
where f.rank <> 'deprecated' and c.start_edtf is not null
group by p.id, c.state, c.start_edtf, c.start_lower, c.start_upper
union all
select 'custody-end:' || min(c.fact_id) as id, 'custody_end' as type,
       p.name || ': ' || replace(c.state, '_', ' ') || coalesce(' at ' || string_agg(distinct c.place, ' or ' order by c.place), '') || ' (period ends)' as title,
       c.end_edtf as edtf, c.end_lower as earliest, c.end_upper as latest, array_agg(c.fact_id order by c.fact_id) as fact_ids, null::text as own_source, array[p.id] as people, '{}'::text[] as organizations
from custody_period c join fact f on f.id = c.fact_id join person p on p.id = c.person_id
where f.rank <> 'deprecated' and c.end_edtf is not null
group by p.id, c.state, c.end_edtf, c.end_lower, c.end_upper
union all
select 'charge:' || ch.fact_id as id, 'charge_' || ch.stage as type,
       coalesce(p.name || ': ', '') || ch.charge || ' (' || replace(ch.stage, '_', ' ')
         || coalesce(', ' || ch.sentence, '') || ')' as title,
       ch.date_edtf as edtf, ch.date_lower as earliest, ch.date_upper as latest, array[ch.fact_id] as fact_ids,
       null::text as own_source,
       case when ch.person_id is null then '{}'::text[] else array[ch.person_id] end as people,
       '{}'::text[] as organizations
from charge ch join fact f on f.id = ch.fact_id left join person p on p.id = ch.person_id
where f.rank <> 'deprecated' and ch.date_edtf is not null
union all
select 'figure:' || g.fact_id as id, 'reported_figure' as type,
       case g.qualifier when 'at_least' then 'at least ' when 'more_than' then 'more than '
         when 'about' then 'about ' when 'at_most' then 'at most ' else '' end || g.value || ' ' || g.counted
         as title,
       g.as_of_edtf as edtf, g.as_of_lower as earliest, g.as_of_upper as latest, array[g.fact_id] as fact_ids,
       null::text as own_source, '{}'::text[] as people, '{}'::text[] as organizations
from figure g join fact f on f.id = g.fact_id
where f.rank <> 'deprecated'
union all
select 'source:' || s.id as id, 'source_published' as type, s.title as title, s.date_edtf as edtf,
       s.date_lower as earliest, s.date_upper as latest, '{}'::bigint[] as fact_ids, s.id as own_source,
       array(select distinct g.person_id from source_signatory g
             where g.source_id = s.id and g.person_id is not null order by 1) as people,
       array(select distinct g.organization_id from source_signatory g
             where g.source_id = s.id and g.organization_id is not null order by 1) as organizations
from source s
where true) e
left join lateral (
  select array_agg(c.source_id order by c.fact_id, c.id) as sources,
         array_agg(c.quote order by c.fact_id, c.id) as quotes,
         array_agg(c.start_offset order by c.fact_id, c.id) as starts,
         array_agg(c.end_offset order by c.fact_id, c.id) as ends
  from citation c where c.fact_id = any(e.fact_ids)) c on true
where true and true
order by e.earliest nulls last, e.latest nulls last, e.id collate "C"
