-- Editing: who may write, and record time. Nothing written is ever lost: every change to a fact, person or
-- source keeps the version it replaces in a history table, written by triggers so no code path can skip it.

create table account (
  username      text primary key check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  password_hash text not null check (password_hash like '$2%'),
  role          text not null check (role in ('editor', 'admin')),
  created_at    timestamptz not null default now(),
  created_by    text
);

-- Who made each version and why. casefile.actor is set by the service for the transaction.
alter table fact add column version integer not null default 1,
                 add column recorded_by text,
                 add column change_reason text;
alter table person add column version integer not null default 1,
                   add column recorded_at timestamptz not null default now(),
                   add column recorded_by text,
                   add column change_reason text;
alter table source add column version integer not null default 1,
                   add column recorded_at timestamptz not null default now(),
                   add column recorded_by text,
                   add column change_reason text;

-- History tables: the columns of the table (generated columns as plain values) and when and by whom the version
-- was superseded.
create table fact_history (like fact);
create table person_history (like person);
create table source_history (like source);
create table citation_history (like citation);
create table person_name_history (like person_name);
create table citizenship_history (like citizenship);
create table affiliation_history (like affiliation);
create table custody_period_history (like custody_period);
create table incident_history (like incident);
create table involvement_history (like involvement);
create table charge_history (like charge);
create table figure_history (like figure);

do $$
declare
  t text;
begin
  foreach t in array array['fact', 'person', 'source', 'citation', 'person_name', 'citizenship', 'affiliation',
                           'custody_period', 'incident', 'involvement', 'charge', 'figure'] loop
    execute format('alter table %I add column superseded_at timestamptz not null, '
                   'add column superseded_by text, add column operation text not null', t || '_history');
  end loop;
end
$$;

create index fact_history_id_idx on fact_history (id, superseded_at);
create index fact_history_time_idx on fact_history (recorded_at);
create index person_history_id_idx on person_history (id, superseded_at);
create index source_history_id_idx on source_history (id, superseded_at);
create index citation_history_fact_idx on citation_history (fact_id, superseded_at);
create index fact_recorded_at_idx on fact (recorded_at);
create index person_recorded_at_idx on person (recorded_at);
create index source_recorded_at_idx on source (recorded_at);

create function cf_table_of_kind(kind text) returns text language sql immutable as
$$
  select case kind when 'name' then 'person_name' when 'custody' then 'custody_period' else kind end
$$;

-- A fact's version is the fact row, its typed row and its citations together. Before the fact row changes (or is
-- removed), all three are copied to history with the same superseded_at, and the new version is numbered.
-- Services change a fact by updating its fact row first, then its typed row and citations, in one transaction.
create function cf_fact_history() returns trigger language plpgsql as
$$
declare
  typed text := cf_table_of_kind(old.kind);
  actor text := current_setting('casefile.actor', true);
begin
  insert into fact_history select old.*, now(), actor, tg_op;
  execute format('insert into %I select t.*, now(), $2, $3 from %I t where t.fact_id = $1', typed || '_history', typed)
    using old.id, actor, tg_op;
  insert into citation_history select c.*, now(), actor, tg_op from citation c where c.fact_id = old.id;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.version := old.version + 1;
  new.recorded_at := now();
  return new;
end
$$;
create trigger fact_history before update or delete on fact
  for each row execute function cf_fact_history();

create function cf_entity_history() returns trigger language plpgsql as
$$
declare
  actor text := current_setting('casefile.actor', true);
begin
  execute format('insert into %I select ($1).*, now(), $2, $3', tg_table_name || '_history') using old, actor, tg_op;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.version := old.version + 1;
  new.recorded_at := now();
  return new;
end
$$;
create trigger person_history before update or delete on person
  for each row execute function cf_entity_history();
create trigger source_history before update or delete on source
  for each row execute function cf_entity_history();

-- The custody claims as the database stood at record time k: the versions current then.
create function cf_custody_at(k timestamptz)
  returns table (fact_id bigint, person_id text, state text, start_edtf text, end_edtf text, confirmed_on date,
                 rank text, definite_span daterange, possible_span daterange)
  language sql stable as
$$
  select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank, c.definite_span, c.possible_span
  from custody_period c join fact f on f.id = c.fact_id
  where f.recorded_at <= k
  union all
  select c.fact_id, c.person_id, c.state, c.start_edtf, c.end_edtf, c.confirmed_on, f.rank, c.definite_span, c.possible_span
  from custody_period_history c
  join fact_history f on f.id = c.fact_id and f.superseded_at = c.superseded_at
  where f.recorded_at <= k and f.superseded_at > k
$$;
