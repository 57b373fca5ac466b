-- A change's count_stale row (and its count_run_change rows) was forgotten a fixed time after the builder consumed
-- it, and every kept answer still outdated by it became unpatchable: to avoid counting those days again, the builder
-- patched every unasked stale answer itself before then, one by one, which while editors write is most days, and took
-- the CPU readers needed. Now the builder forgets a change only once no answer waiting to be brought up to date needs
-- it (CountBuilder): an unasked day is brought up to date when someone asks for it.
--
-- Whether an answer can be patched no longer compares its snapshot with the newest change forgotten: that marked
-- unpatchable every answer kept before it, outdated by changes it had not needed. The builder marks unpatchable, in
-- the statement that forgets a change, every answer the change outdates (V21's join, as before), and no answer can be
-- kept afterwards from a snapshot that missed a forgotten change (cf_count_keepable still refuses it).
create or replace function cf_count_patchable(day date, seen pg_snapshot) returns boolean language sql stable as
$$
  select not exists (select 1 from count_stale s
                     where s.changed_by >= pg_snapshot_xmin(seen) and not pg_visible_in_snapshot(s.changed_by, seen)
                       and s.days @> day and not s.runs)
$$;

