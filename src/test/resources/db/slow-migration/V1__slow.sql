-- A migration that runs past the tests' statement time limit (StatementTimeLimitTest).
select pg_sleep(1);
