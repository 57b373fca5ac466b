-- GET /api/persons/{id}/status?asOf=D for a reader who is not an editor: the one statement PersonDocuments sends
-- (CURRENT_STATUS) for a random generated person, reading the status material kept with the public document when it
-- is current; the service then picks the run covering D (any day: the statement does not depend on it). An editor's
-- answer, or one asked with knownAt, is judged from the claims (StatusService.status, cf_custody_status_of).
\set i random(1, :people)
-- service: org.casefile.person.PersonDocuments.CURRENT_STATUS; $1 = 'gen-' || :i
select v.version, convert_to(d.status, 'UTF8')
from (select coalesce((select c.version from person_change c where c.person_id = 'gen-' || :i), 0) as version) v
left join person_document d on d.person_id = 'gen-' || :i and d.version = v.version;
