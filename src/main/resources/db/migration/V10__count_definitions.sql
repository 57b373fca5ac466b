-- Count definitions are data: what GET /api/counts counts is named, described in plain words and listed at
-- GET /api/counts/definitions, so a count quoted in a letter says exactly what it measured.
create table count_definition (
  id            text primary key check (id ~ '^[a-z0-9][a-z0-9_]*$'),
  label         text not null,
  description   text not null,
  -- The custody states (DESIGN's vocabulary) a person's status on the day must be one of.
  states        text[] not null check (cardinality(states) > 0 and states <@ array['arrested', 'pretrial_detention',
                  'imprisoned', 'house_arrest', 'judicial_supervision', 'released_on_bail', 'released',
                  'convicted_in_absentia', 'wanted', 'in_exile', 'deceased']),
  -- Narrowed to people with a (non-deprecated) affiliation to this organisation, at any time the sources state.
  -- No foreign key: organisations arrive with the seed, after the migrations.
  organization_id text,
  -- Narrowed to people named as victim or target of an incident of this type.
  incident_type text,
  position      int not null default 0
);

insert into count_definition (id, label, description, states, organization_id, incident_type, position) values
  ('detained', 'Detained',
   'People whom a source places under arrest, in pre-trial detention or in prison on the day.',
   array['arrested', 'pretrial_detention', 'imprisoned'], null, null, 1),
  ('deprived_of_liberty', 'Deprived of liberty',
   'People detained on the day (under arrest, in pre-trial detention or in prison) or under house arrest.',
   array['arrested', 'pretrial_detention', 'imprisoned', 'house_arrest'], null, null, 2),
  ('cnrp_detained', 'Detained, associated with the CNRP',
   'People detained on the day whom a source associates with the Cambodia National Rescue Party (CNRP), as member, '
   || 'official, supporter or in any other role, at any time.',
   array['arrested', 'pretrial_detention', 'imprisoned'], 'cnrp', null, 3),
  ('detained_arrest_victims', 'Detained after an arrest the sources describe',
   'People detained on the day who are named as the victim or target of an arrest incident in the sources.',
   array['arrested', 'pretrial_detention', 'imprisoned'], null, 'arrest', 4);
