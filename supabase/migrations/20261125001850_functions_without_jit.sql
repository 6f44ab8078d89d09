-- JIT off in every function the app calls. They are short OLTP calls, and on servers built
-- with LLVM (Debian's PostgreSQL packages, many hosts) the planner's cost estimate can send
-- one to JIT compilation: get_availability took 1 s instead of 5 ms on PostgreSQL 15.
-- Set on the functions, it holds for every caller: the pg transport and PostgREST alike.
-- A function added later must say `set jit = off` too (tests/integration/database-door.test.ts).
do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prokind = 'f'
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('alter function %s set jit = off', f);
  end loop;
end
$$;
