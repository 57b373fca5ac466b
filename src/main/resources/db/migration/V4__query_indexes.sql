-- Found by EXPLAIN ANALYZE on 100k people and 1M custody periods (bench/explain.sql): filtering on
-- "rank <> 'deprecated'" through a join made PostgreSQL scan every fact. Deprecated facts are few, so queries ask
-- "is this fact deprecated?" of this small partial index instead.
create index fact_deprecated_idx on fact (id) where rank = 'deprecated';

-- "Who was in these states on day D" reads every claim covering D; carrying state, person and fact in the GiST
-- index lets PostgreSQL answer from the index alone (101 ms instead of 227 ms for the count at that size).
create index custody_period_span_covering_idx on custody_period using gist (possible_span) include (state, person_id, fact_id);
drop index custody_period_possible_span_idx;
