-- GET /api/persons/{id}: the queries PersonService.get sends (Hibernate's SQL, one transaction), for a random
-- generated person. The batched citation query takes the fact ids by subquery instead of a list from the client.
\set i random(1, :people)
BEGIN;
select p1_0.id, p1_0.change_reason, p1_0.concern, p1_0.merged_into, p1_0.name, p1_0.recorded_by, p1_0.restricted
  from person p1_0 where p1_0.id = 'gen-' || :i;
select pn1_0.fact_id, pn1_1.change_reason, pn1_1.derivation, pn1_1.derived, pn1_1.note, pn1_1.rank, pn1_1.rank_reason, pn1_1.recorded_at, pn1_1.recorded_by, pn1_1.restricted, pn1_1.version, pn1_0.form, pn1_0.name, pn1_0.person_id
  from person_name pn1_0 join fact pn1_1 on pn1_0.fact_id = pn1_1.id where pn1_0.person_id = 'gen-' || :i order by pn1_0.fact_id;
select c1_0.fact_id, c1_1.change_reason, c1_1.derivation, c1_1.derived, c1_1.note, c1_1.rank, c1_1.rank_reason, c1_1.recorded_at, c1_1.recorded_by, c1_1.restricted, c1_1.version, c1_0.country, c1_0.person_id
  from citizenship c1_0 join fact c1_1 on c1_0.fact_id = c1_1.id where c1_0.person_id = 'gen-' || :i order by c1_0.fact_id;
select a1_0.fact_id, a1_1.change_reason, a1_1.derivation, a1_1.derived, a1_1.note, a1_1.rank, a1_1.rank_reason, a1_1.recorded_at, a1_1.recorded_by, a1_1.restricted, a1_1.version, a1_0.date_edtf, a1_0.date_lower, a1_0.date_upper, a1_0.former, a1_0.organization_id, a1_0.person_id, a1_0.role
  from affiliation a1_0 join fact a1_1 on a1_0.fact_id = a1_1.id where a1_0.person_id = 'gen-' || :i order by a1_0.fact_id;
select cp1_0.fact_id, cp1_1.change_reason, cp1_1.derivation, cp1_1.derived, cp1_1.note, cp1_1.rank, cp1_1.rank_reason, cp1_1.recorded_at, cp1_1.recorded_by, cp1_1.restricted, cp1_1.version, cp1_0.confirmed_on, cp1_0.end_edtf, cp1_0.end_lower, cp1_0.end_upper, cp1_0.person_id, cp1_0.place, cp1_0.start_edtf, cp1_0.start_lower, cp1_0.start_upper, cp1_0.state
  from custody_period cp1_0 join fact cp1_1 on cp1_0.fact_id = cp1_1.id where cp1_0.person_id = 'gen-' || :i
  order by cp1_0.start_lower asc nulls first, cp1_0.confirmed_on, cp1_0.fact_id;
select c1_0.fact_id, c1_1.change_reason, c1_1.derivation, c1_1.derived, c1_1.note, c1_1.rank, c1_1.rank_reason, c1_1.recorded_at, c1_1.recorded_by, c1_1.restricted, c1_1.version, c1_0.charge, c1_0.court, c1_0.date_edtf, c1_0.date_lower, c1_0.date_upper, c1_0.in_absentia, c1_0.incident_id, c1_0.legal_case_id, c1_0.outcome, c1_0.person_id, c1_0.sentence, c1_0.sentence_years, c1_0.stage
  from charge c1_0 join fact c1_1 on c1_0.fact_id = c1_1.id where c1_0.person_id = 'gen-' || :i order by c1_0.date_lower, c1_0.fact_id;
select i1_0.fact_id, i1_1.change_reason, i1_1.derivation, i1_1.derived, i1_1.note, i1_1.rank, i1_1.rank_reason, i1_1.recorded_at, i1_1.recorded_by, i1_1.restricted, i1_1.version, i1_0.incident_id, i1_0.name_as_written, i1_0.organization_id, i1_0.person_id, i1_0.role, i2_0.fact_id, i2_1.change_reason, i2_1.derivation, i2_1.derived, i2_1.note, i2_1.rank, i2_1.rank_reason, i2_1.recorded_at, i2_1.recorded_by, i2_1.restricted, i2_1.version, i2_0.date_edtf, i2_0.date_lower, i2_0.date_upper, i2_0.description, i2_0.incident_type, i2_0.place, i2_0.id, i2_0.title
  from involvement i1_0 join fact i1_1 on i1_0.fact_id = i1_1.id join incident i2_0 on i2_0.id = i1_0.incident_id join fact i2_1 on i2_0.fact_id = i2_1.id
  where i1_0.person_id = 'gen-' || :i order by i2_0.date_lower, i2_0.id, i1_0.fact_id;
select c1_0.fact_id, c1_0.id, c1_0.end_offset, c1_0.prefix, c1_0.quote, c1_0.source_id, c1_0.start_offset, c1_0.suffix
  from citation c1_0 where c1_0.fact_id in (
    select fact_id from person_name where person_id = 'gen-' || :i union all select fact_id from citizenship where person_id = 'gen-' || :i
    union all select fact_id from affiliation where person_id = 'gen-' || :i union all select fact_id from custody_period where person_id = 'gen-' || :i
    union all select fact_id from charge where person_id = 'gen-' || :i union all select fact_id from involvement where person_id = 'gen-' || :i)
  order by c1_0.fact_id, c1_0.id;
select a.fact_id, b.fact_id, a.state, b.state, greatest(lower(a.definite_span), lower(b.definite_span)), least(upper(a.definite_span), upper(b.definite_span)) - 1
  from custody_period a join custody_period b on b.person_id = a.person_id and a.fact_id < b.fact_id and a.state <> b.state and a.definite_span && b.definite_span
  where a.person_id = 'gen-' || :i
    and exists (select 1 from fact d where d.id = a.fact_id and d.rank <> 'deprecated')
    and exists (select 1 from fact d where d.id = b.fact_id and d.rank <> 'deprecated')
  order by 5, 1, 2;
COMMIT;
