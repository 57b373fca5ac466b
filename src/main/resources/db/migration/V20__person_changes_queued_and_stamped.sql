-- The people whose public document must be built again, with the version it must carry: what the service's
-- document builder works through. Before, it found them by comparing every person's version with their document's
-- (person_document_outdated, a join of every person), once for each change; while people write that is a scan of
-- everyone several times a second. Whatever moves a person's version (V12: one definition of "touches") puts the
-- person here in the same transaction; the builder removes the entry once it kept that version's document, and only
-- that version's (a newer one waits for its own build).
create table person_document_pending (
  person_id text primary key,
  version   bigint not null
);

comment on table person_document_pending is
  'People whose kept public document is behind person_change.version: the document builder''s queue (V20).';

create function cf_person_document_pending() returns trigger language plpgsql as
$$
begin
  insert into person_document_pending as q (person_id, version)
  select person_id, version from changed_rows order by 1
  on conflict (person_id) do update set version = greatest(q.version, excluded.version);
  return null;
end
$$;

create trigger person_change_document_pending_i after insert on person_change referencing new table as changed_rows
  for each statement execute function cf_person_document_pending();
create trigger person_change_document_pending_u after update on person_change referencing new table as changed_rows
  for each statement execute function cf_person_document_pending();

-- Whoever is behind now, restricted people too (the builder, reading as the public, drops those it cannot see).
do $$
begin
  perform set_config('casefile.reader', 'editor', true);
  insert into person_document_pending (person_id, version)
  select person_id, version from person_document_outdated;
end
$$;

-- Which transaction last moved each person's version, so a projection kept outside PostgreSQL (the service's name
-- search index) can ask which people changed since the snapshot it was last brought up to date at, and a reader can
-- ask whether it sees a change that snapshot did not: one index range scan over the recent changes.
alter table person_change add column changed_by xid8 not null default '0';

create function cf_person_change_stamp() returns trigger language plpgsql as
$$
begin
  new.changed_by := pg_current_xact_id();
  return new;
end
$$;

create trigger person_change_stamp before insert or update on person_change
  for each row execute function cf_person_change_stamp();

create index person_change_changed_by_idx on person_change (changed_by);

-- The people whose version moved in a transaction that snapshot {@code seen} did not see (still running then, or
-- begun after it), among the changes this statement sees. Empty means: whatever was kept as of {@code seen} is
-- current for this reader. (A person changed again since keeps only the newest transaction's stamp, which is the one
-- that matters.)
create function cf_person_changes_since(seen pg_snapshot) returns setof text language sql stable as
$$
  select person_id from person_change
  where changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(changed_by, seen)
$$;

-- The trigram indexes served name search (GET /api/persons?q=) from PostgreSQL; the service's Lucene index does now.
drop index if exists person_name_search_trgm_idx;
drop index if exists person_name_search_other_trgm_idx;
