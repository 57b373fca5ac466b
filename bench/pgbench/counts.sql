-- GET /api/counts?asOf=D&definition=detained for a reader who is not an editor: the one statement CountAnswers sends,
-- reading the kept public answer and whether it is current (bench/run.sh waits until the service has kept one for
-- every day). The service sends the body as it is stored. Counting afresh is the statement CountService sends on a miss:
-- bench/explain.sql and EXPLAIN.md show both, and why one count can never be made 1,000 times a second.
\set d random(0, 4382)
-- service: org.casefile.count.CountAnswers.FIND; :definition = 'detained'; :basis = 'last_known'; :day = date '2010-01-01' + cast(:d as int)
select cast(pg_current_snapshot() as text) as seen, a.body, cf_count_answer_current(a.stale, a.day, a.seen) as current,
       cast(a.seen as text) as kept_seen
from (select) one left join count_answer a on a.definition = 'detained' and a.basis = 'last_known' and a.day = date '2010-01-01' + cast(:d as int);
