-- The public's status question (GET /api/persons/{id}/status?asOf=) was judged per request: one statement reading
-- the person's claims, their citations and the kept runs, slower than the rest of a person's reads. What a status on
-- any day is answered from (the person's runs as cf_custody_runs judges them, with the bases each counts under, and
-- the claims with their citations) is kept beside the public person document, built with it and stamped with the
-- same version, so it is served only while current, as the document is. The kept documents are built again with it.
delete from person_document;
alter table person_document add column status text not null;

comment on column person_document.status is
  'What the person''s status on any day is answered from (StatusMaterial as JSON): runs with their bases, claims with citations.';

do $$
begin
  perform set_config('casefile.reader', 'editor', true);
  insert into person_document_pending (person_id, version)
  select person_id, version from person_document_outdated
  on conflict (person_id) do update set version = greatest(person_document_pending.version, excluded.version);
end
$$;
