-- Casefile evidence model: sources -> facts with citations -> entities.
-- The rules that make a fact evidence live here, in the database, so no code path can bypass them:
--   * every fact has at least one citation when its transaction commits (deferred constraint triggers);
--   * every citation's quote is the source text between its offsets (whitespace and quote marks folded);
--   * stored source texts are never edited and always match their SHA-256.

create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Folding used to compare a quote with the passage it cites. CitationLocator.fold in Java is its twin:
-- runs of whitespace (no-break and other Unicode spaces included) become one space, typographic quote marks
-- and dashes become their ASCII forms, and the ends are trimmed.
create function cf_fold(t text) returns text
  language sql immutable strict parallel safe as
$$
  select btrim(regexp_replace(
           translate(t,
                     E'\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033\u2010\u2011\u2012\u2013\u2014\u2015\u2212',
                     E'\'\'\'\'\'"""""-------'),
           E'[\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'),
         ' ')
$$;

-- EDTF strings are parsed in the service; the database keeps the string with its derived day bounds
-- (null = open or unknown) and checks that the bounds are ordered.

------------------------------------------------------------------------------------------------------------
-- Sources: verbatim texts, stored once, and the documents (sources) they hold.
------------------------------------------------------------------------------------------------------------
create table source_text (
  id          bigint generated always as identity primary key,
  origin_file text,
  text        text not null,
  sha256      char(64) not null unique,
  length      integer not null,
  created_at  timestamptz not null default now(),
  constraint source_text_sha256_matches check (sha256 = encode(sha256(convert_to(text, 'UTF8')), 'hex')),
  constraint source_text_length_matches check (length = char_length(text))
);

create function cf_source_text_immutable() returns trigger language plpgsql as
$$
begin
  raise exception 'source texts are never edited or deleted (source text %)', old.id
    using errcode = '55000', hint = 'Add a new source instead.';
end
$$;
create trigger source_text_immutable before update or delete on source_text
  for each row execute function cf_source_text_immutable();

create table source (
  id            text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  text_id       bigint not null references source_text (id),
  section_start integer not null,
  section_end   integer not null,
  title         text not null,
  kind          text not null check (kind in ('letter', 'joint_letter', 'joint_statement', 'constituent_letter',
                                              'news_article', 'un_statement', 'report', 'other')),
  date_edtf     text,
  date_lower    date,
  date_upper    date,
  date_note     text,
  authors       text[] not null default '{}',
  recipients    text[] not null default '{}',
  created_at    timestamptz not null default now(),
  constraint source_section_ordered check (section_start >= 0 and section_end > section_start),
  constraint source_date_ordered check (date_lower is null or date_upper is null or date_lower <= date_upper)
);
create index source_text_id_idx on source (text_id);
create index source_date_idx on source (date_lower, id);

-- The section a source occupies and the text it points into are fixed once written.
create function cf_source_anchor_fixed() returns trigger language plpgsql as
$$
begin
  if new.text_id <> old.text_id or new.section_start <> old.section_start or new.section_end <> old.section_end
     or new.id <> old.id then
    raise exception 'the text and section of source % are never changed', old.id using errcode = '55000';
  end if;
  return new;
end
$$;
create trigger source_anchor_fixed before update on source
  for each row execute function cf_source_anchor_fixed();

create function cf_source_section_in_text() returns trigger language plpgsql as
$$
declare
  text_length integer;
begin
  select length into text_length from source_text where id = new.text_id;
  if new.section_end > text_length then
    raise exception 'source % section [%, %) runs past the end of its text (% code points)',
      new.id, new.section_start, new.section_end, text_length using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger source_section_in_text before insert on source
  for each row execute function cf_source_section_in_text();

------------------------------------------------------------------------------------------------------------
-- Entities: identity only.
------------------------------------------------------------------------------------------------------------
create table organization (
  id         text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name       text not null,
  acronym    text,
  kind       text not null check (kind in ('political_party', 'union', 'ngo', 'network', 'community', 'court',
                                            'state_body', 'un_body', 'military', 'media', 'legislature',
                                            'intergovernmental', 'government', 'other')),
  aliases    text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index organization_acronym_idx on organization (lower(acronym));

create table person (
  id         text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name       text not null,
  concern    boolean not null default false,
  created_at timestamptz not null default now()
);
create index person_name_sort_idx on person (name, id);

create table legal_case (
  id         text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  title      text not null,
  court      text,
  created_at timestamptz not null default now()
);

create table source_signatory (
  source_id       text not null references source (id),
  position        integer not null,
  name            text not null,
  organization_id text references organization (id),
  person_id       text references person (id),
  role            text,
  primary key (source_id, position)
);
create index source_signatory_org_idx on source_signatory (organization_id);
create index source_signatory_person_idx on source_signatory (person_id);

create table source_relation (
  source_id  text not null references source (id),
  related_id text not null references source (id),
  type       text not null check (type in ('same_statement_as', 'reports_on', 'part_of')),
  note       text,
  primary key (source_id, related_id, type),
  check (source_id <> related_id)
);

------------------------------------------------------------------------------------------------------------
-- Facts: what a source asserts. One row in `fact` per claim, one row in the table of its kind, and at least
-- one citation. Disagreeing sources make separate facts; rank records editorial judgement.
------------------------------------------------------------------------------------------------------------
create table fact (
  id          bigint generated always as identity primary key,
  kind        text not null check (kind in ('name', 'citizenship', 'affiliation', 'custody', 'incident',
                                             'involvement', 'charge', 'figure')),
  rank        text not null default 'normal' check (rank in ('preferred', 'normal', 'deprecated')),
  rank_reason text,
  derived     boolean not null default false,
  derivation  text,
  note        text,
  recorded_at timestamptz not null default now(),
  unique (id, kind),
  constraint fact_deprecation_has_reason check (rank <> 'deprecated' or rank_reason is not null),
  constraint fact_derivation_explained check (not derived or derivation is not null)
);

create table citation (
  id           bigint generated always as identity primary key,
  fact_id      bigint not null references fact (id) on delete cascade,
  source_id    text not null references source (id),
  quote        text not null,
  prefix       text,
  suffix       text,
  start_offset integer not null,
  end_offset   integer not null,
  constraint citation_offsets_ordered check (start_offset >= 0 and end_offset > start_offset),
  constraint citation_quote_not_blank check (cf_fold(quote) <> '')
);
create index citation_fact_idx on citation (fact_id);
create index citation_source_idx on citation (source_id, start_offset);

-- A citation must point at its quote: the source text between its offsets, folded, equals the quote, folded.
create function cf_citation_matches_text() returns trigger language plpgsql as
$$
declare
  src     record;
  passage text;
begin
  select s.section_start, s.section_end, t.text into src
    from source s join source_text t on t.id = s.text_id where s.id = new.source_id;
  if not found then
    raise exception 'citation names unknown source %', new.source_id using errcode = '23503';
  end if;
  if new.start_offset < src.section_start or new.end_offset > src.section_end then
    raise exception 'citation [%, %) lies outside source % (code points % to %)',
      new.start_offset, new.end_offset, new.source_id, src.section_start, src.section_end
      using errcode = '23514', constraint = 'citation_within_source';
  end if;
  passage := substr(src.text, new.start_offset + 1, new.end_offset - new.start_offset);
  if cf_fold(passage) <> cf_fold(new.quote) then
    raise exception 'citation quote "%" does not match source % at [%, %), which reads "%"',
      new.quote, new.source_id, new.start_offset, new.end_offset, passage
      using errcode = '23514', constraint = 'citation_matches_text';
  end if;
  return new;
end
$$;
create trigger citation_matches_text before insert or update on citation
  for each row execute function cf_citation_matches_text();

-- No fact without its passage, checked when the transaction commits so a fact and its citations can be
-- written in either order inside one transaction.
create function cf_fact_requires_citation(checked_fact bigint) returns void language plpgsql as
$$
declare
  fact_kind text;
begin
  select kind into fact_kind from fact where id = checked_fact;
  if found and not exists (select 1 from citation where fact_id = checked_fact) then
    raise exception 'fact % (%) has no citation: every fact needs at least one passage of a source',
      checked_fact, fact_kind using errcode = '23514', constraint = 'fact_requires_citation';
  end if;
end
$$;

create function cf_fact_cited_on_insert() returns trigger language plpgsql as
$$
begin
  perform cf_fact_requires_citation(new.id);
  return null;
end
$$;
create constraint trigger fact_requires_citation after insert on fact
  deferrable initially deferred for each row execute function cf_fact_cited_on_insert();

create function cf_fact_cited_after_citation_change() returns trigger language plpgsql as
$$
begin
  perform cf_fact_requires_citation(old.fact_id);
  return null;
end
$$;
create constraint trigger citation_removal_keeps_fact_cited after delete or update of fact_id on citation
  deferrable initially deferred for each row execute function cf_fact_cited_after_citation_change();

-- The kinds of fact. Each table's (fact_id, kind) points at its `fact` row, so a fact has one shape only.
create table person_name (
  fact_id   bigint primary key,
  kind      text not null default 'name' check (kind = 'name'),
  person_id text not null references person (id),
  name      text not null,
  form      text not null check (form in ('primary', 'spelling_variant', 'romanisation', 'honorific',
                                          'short_form', 'khmer_script')),
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade
);
create index person_name_person_idx on person_name (person_id);
create index person_name_trgm_idx on person_name using gin (lower(name) gin_trgm_ops);

create table citizenship (
  fact_id   bigint primary key,
  kind      text not null default 'citizenship' check (kind = 'citizenship'),
  person_id text not null references person (id),
  country   text not null,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade
);
create index citizenship_person_idx on citizenship (person_id);

create table affiliation (
  fact_id         bigint primary key,
  kind            text not null default 'affiliation' check (kind = 'affiliation'),
  person_id       text not null references person (id),
  organization_id text references organization (id),
  role            text,
  date_edtf       text,
  date_lower      date,
  date_upper      date,
  former          boolean not null default false,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check (organization_id is not null or role is not null),
  check (date_lower is null or date_upper is null or date_lower <= date_upper)
);
create index affiliation_person_idx on affiliation (person_id);
create index affiliation_org_idx on affiliation (organization_id);

create table custody_period (
  fact_id      bigint primary key,
  kind         text not null default 'custody' check (kind = 'custody'),
  person_id    text not null references person (id),
  state        text not null check (state in ('arrested', 'pretrial_detention', 'imprisoned', 'house_arrest',
                                              'judicial_supervision', 'released_on_bail', 'released',
                                              'convicted_in_absentia', 'wanted', 'in_exile', 'deceased')),
  start_edtf   text,
  start_lower  date,
  start_upper  date,
  end_edtf     text,
  end_lower    date,
  end_upper    date,
  place        text,
  -- the day the citing source confirms the state; a letter is evidence up to its own date and no further
  confirmed_on date,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check (start_lower is null or start_upper is null or start_lower <= start_upper),
  check (end_lower is null or end_upper is null or end_lower <= end_upper)
);
create index custody_period_person_idx on custody_period (person_id);
create index custody_period_state_idx on custody_period (state, start_lower);

create table incident (
  fact_id        bigint primary key,
  kind           text not null default 'incident' check (kind = 'incident'),
  id             text not null unique check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  incident_type  text not null check (incident_type in ('arrest', 'detention', 'assault', 'killing', 'trial',
                                       'conviction', 'sentencing', 'removal_from_office', 'arrest_warrant',
                                       'charge', 'party_dissolution', 'law_adopted', 'summons', 'release',
                                       'threat', 'protest', 'statement', 'other')),
  title          text not null,
  date_edtf      text,
  date_lower     date,
  date_upper     date,
  place          text,
  description    text,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check (date_lower is null or date_upper is null or date_lower <= date_upper)
);
create index incident_date_idx on incident (date_lower, id);
create index incident_type_idx on incident (incident_type);

create table involvement (
  fact_id         bigint primary key,
  kind            text not null default 'involvement' check (kind = 'involvement'),
  incident_id     text not null references incident (id),
  person_id       text references person (id),
  organization_id text references organization (id),
  role            text not null check (role in ('victim', 'alleged_perpetrator', 'perpetrator', 'target',
                                                'decision_maker', 'witness', 'organizer', 'mentioned')),
  name_as_written text,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check ((person_id is null) <> (organization_id is null))
);
create index involvement_incident_idx on involvement (incident_id);
create index involvement_person_idx on involvement (person_id);
create index involvement_org_idx on involvement (organization_id);

create table charge (
  fact_id        bigint primary key,
  kind           text not null default 'charge' check (kind = 'charge'),
  person_id      text references person (id),
  legal_case_id  text references legal_case (id),
  incident_id    text references incident (id),
  charge         text not null,
  date_edtf      text,
  date_lower     date,
  date_upper     date,
  court          text,
  stage          text not null check (stage in ('alleged', 'charged', 'on_trial', 'convicted', 'acquitted',
                                                'dropped')),
  outcome        text,
  sentence       text,
  sentence_years numeric(5, 2),
  in_absentia    boolean not null default false,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check (date_lower is null or date_upper is null or date_lower <= date_upper)
);
create index charge_person_idx on charge (person_id);
create index charge_case_idx on charge (legal_case_id);

create table figure (
  fact_id       bigint primary key,
  kind          text not null default 'figure' check (kind = 'figure'),
  value         bigint not null check (value >= 0),
  qualifier     text not null default 'exact' check (qualifier in ('exact', 'at_least', 'more_than', 'about',
                                                                   'at_most')),
  counted       text not null,
  category      text,
  as_of_edtf    text,
  as_of_lower   date,
  as_of_upper   date,
  foreign key (fact_id, kind) references fact (id, kind) on delete cascade,
  check (as_of_lower is null or as_of_upper is null or as_of_lower <= as_of_upper)
);
create index figure_as_of_idx on figure (as_of_lower);
