-- pg_restore writes a dump's tables with an empty search_path, and computes person_name.search_key (a generated
-- column) as it loads them: cf_name_key must name cf_unaccent by its schema, or the restore fails ("function
-- cf_unaccent(text) does not exist"). Same key as V2's; qualifying the call keeps the function inlinable.
create or replace function cf_name_key(t text) returns text
  language sql immutable strict parallel safe as
$$
  select btrim(regexp_replace(
           regexp_replace(
             regexp_replace(lower(public.cf_unaccent(t)), '[^[:alnum:]]+', ' ', 'g'),
             '(^| )(mr|mrs|ms|miss|dr|prof|h e|he|sen|senator|samdech|lok|neak|oknha|excellency)( |$)', ' ', 'g'),
           ' +', ' ', 'g'))
$$;
