-- Whether a kept count answer spares the builder counting its day again: current, or outdated by changes to runs
-- alone, which CountPatch brings it up to date from (a reader when asking, or the builder after a while). The one
-- definition of what the builder's sweep may skip and of whether a sweep is needed at all.
create function cf_count_answer_needs_no_count(stale boolean, unpatchable boolean, day date, seen pg_snapshot)
  returns boolean language sql stable as
$$
  select cf_count_answer_current(stale, day, seen) or (stale and not unpatchable)
$$;
