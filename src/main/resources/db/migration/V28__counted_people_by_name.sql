-- The first page of a count (the people counted on a day, by name) read without counting everyone: a kept count
-- answer whose first page a change alters (someone on it re-judged, someone joining or leaving it) was counted again
-- from the whole day (about half a second at 100,000 people, and while an editor writes, most answers asked for);
-- now CountPatch brings its figures up to date as before and reads the page again, in name order from this index,
-- stopping at the page's size (a few milliseconds: the runs covering any one day are a fair share of all runs).
create index custody_judgement_name_idx on custody_judgement (name, person_id) include (days, state, certainty);
