-- Every committed change to the data is announced on the channel casefile_changes, so a service that keeps answers
-- it has already computed (the public person documents) drops them, whichever instance or SQL session wrote.
-- PostgreSQL delivers a notification only when its transaction commits, and folds repeats within one transaction.
create function cf_notify_change() returns trigger language plpgsql as
$$
begin
  perform pg_notify('casefile_changes', tg_table_name);
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['source_text', 'source', 'source_signatory', 'source_relation', 'organization', 'person', 'legal_case',
                           'fact', 'citation', 'person_name', 'citizenship', 'affiliation', 'custody_period', 'incident',
                           'involvement', 'charge', 'figure', 'count_definition'] loop
    execute format('create trigger %I after insert or update or delete or truncate on %I '
                   'for each statement execute function cf_notify_change()', t || '_notifies_change', t);
  end loop;
end
$$;
