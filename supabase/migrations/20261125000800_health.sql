-- Health: which migrations the database has, so the app can say when it lags behind its code.

create function public.applied_migrations() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  as $$
  select coalesce(jsonb_agg(m.version order by m.version), '[]'::jsonb)
  from supabase_migrations.schema_migrations m
$$;
comment on function public.applied_migrations() is 'Versions recorded by the migration runner (or the Supabase CLI).';
revoke execute on function public.applied_migrations() from public;
grant execute on function public.applied_migrations() to service_role;
