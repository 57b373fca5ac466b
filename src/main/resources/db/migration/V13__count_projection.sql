-- Counts (GET /api/counts) judge every person with a claim covering the day, and a million custody claims make that
-- a second or more per count. Two things kept in the database make a count cheap, both tied to one version of the
-- data so that neither is ever used once the data has changed:
--   custody_judgement  each person's judged status as day ranges, as the public sees it (built by the service);
--   count_answer       whole public answers to the default question of a definition on a day (JSON as sent).

-- One number for the whole data: every statement that changes a data table moves it, in the writing transaction,
-- whoever writes. What is kept under an older number is not used. The service's writers lock it first thing
-- (Actor.enter), so they queue in one order instead of deadlocking over it.
create table data_version (
  singleton boolean primary key default true check (singleton),
  version   bigint not null
);
insert into data_version values (true, 1);

-- The trigger that announces every change (V11, on every data table) moves it too.
create or replace function cf_notify_change() returns trigger language plpgsql as
$$
begin
  update data_version set version = version + 1;
  perform pg_notify('casefile_changes', tg_table_name);
  return null;
end
$$;

-- Each person's status as GET /api/persons/{id}/status judges it, over the days their claims cover: one row per run
-- of days with the same judgement. sources: those cited by the claims of the judged state. Built whole by the
-- service, as the public sees the data (restricted records left out, merged people too), from the data as of
-- data_version = built_version. The index holds every column a count reads, so a count reads only the index.
create table custody_judgement (
  person_id text not null,
  name      text not null,
  days      daterange not null,
  state     text not null,
  definite  boolean not null,
  disputed  boolean not null,
  sources   text[] not null
);
create index custody_judgement_days_idx on custody_judgement using gist (days)
  include (person_id, name, state, definite, disputed, sources);

-- The people (as above) with at least one custody claim, for "left out: no source confirms the day".
create table custody_claimant (
  person_id text primary key
);

-- Which data version the judgement was built from, the last day any claim in it confirms definitely, and the
-- version and definitions for which the service has kept answers in advance (for every day the judgement covers).
create table custody_judgement_built (
  singleton           boolean primary key default true check (singleton),
  built_version       bigint,
  built_at            timestamptz,
  latest_definite     date,
  answers_kept_for    bigint,
  answers_definitions text[]
);
insert into custody_judgement_built (singleton) values (true);

-- Public answers to GET /api/counts?definition=D&asOf=DAY with nothing else asked, served while version is current.
create table count_answer (
  definition text not null,
  day        date not null,
  version    bigint not null,
  body       text not null,
  primary key (definition, day)
);
