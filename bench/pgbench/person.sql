-- GET /api/persons/{id} for a reader who is not an editor: the one statement PersonDocuments sends for a random
-- generated person, reading the kept public document when it is current (bench/run.sh waits until the service has
-- built them all). The service sends the body as it is stored.
\set i random(1, :people)
-- service: org.casefile.person.PersonDocuments.CURRENT; $1 = 'gen-' || :i
select v.version, convert_to(d.body, 'UTF8')
from (select coalesce((select c.version from person_change c where c.person_id = 'gen-' || :i), 0) as version) v
left join person_document d on d.person_id = 'gen-' || :i and d.version = v.version;
