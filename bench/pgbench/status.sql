-- GET /api/persons/{id}/status?asOf=D, and the status on a person page: StatusService.status's one statement (CASE_NOW)
-- for a random generated person and day: the judgement on D (cf_custody_status_now: the kept projection while it is
-- current), the passage it rests on, whom the person was merged into, and the person's claims as the judgement reads
-- them (cf_custody_claims_now) with their citations.
\set i random(1, :people)
\set d random(0, 4382)
select s.*, p.merged_into, c.fact_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, c.rank,
       lower(c.definite_span), upper(c.definite_span) - 1, lower(c.possible_span), upper(c.possible_span) - 1,
       x.sources, x.quotes, x.starts, x.ends, x.prefixes, x.suffixes
from person p
left join (select j.person_id, j.status, j.certainty, j.since, j.last_confirmed, j.presumed_since, j.disputed, j.facts,
                  j.state_facts, r.source_id, r.start_offset, r.end_offset
           from cf_custody_status_now(array[cast('gen-' || :i as text)], date '2010-01-01' + cast(:d as int), 'last_known') j
           left join lateral (select c.source_id, c.start_offset, c.end_offset from citation c
                              where c.fact_id = j.facts[1] order by c.id limit 1) r on true) s on true
left join cf_custody_claims_now(array[cast('gen-' || :i as text)]) c on true
left join lateral (select array_agg(t.source_id order by t.id) as sources, array_agg(t.quote order by t.id) as quotes,
                          array_agg(t.start_offset order by t.id) as starts, array_agg(t.end_offset order by t.id) as ends,
                          array_agg(t.prefix order by t.id) as prefixes, array_agg(t.suffix order by t.id) as suffixes
                   from citation t where t.fact_id = c.fact_id) x on true
where p.id = 'gen-' || :i
order by c.fact_id;
