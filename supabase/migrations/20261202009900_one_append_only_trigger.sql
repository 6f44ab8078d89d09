-- One trigger function keeps every append-only record append-only (the staff audit, check-ins,
-- the staff change trail, marketing consents), instead of one function per table. A delete
-- cascading from the record's owner (its booking, its profile) passes where the trigger is
-- created with the argument 'cascade'; the attendance and change trails now refuse direct
-- deletes and truncation too, as the audit always did.
create function app_private.refuse_rewrite() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if tg_op = 'DELETE' and tg_nargs > 0 and tg_argv[0] = 'cascade' and pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception using errcode = 'PT403', message = 'FORBIDDEN',
    detail = json_build_object('reason', format('%s.%s is append-only', tg_table_schema, tg_table_name))::text;
end
$$;
comment on function app_private.refuse_rewrite() is
  'Trigger: refuses any update, delete or truncate of an append-only record; with the argument ''cascade'', a delete cascading from the record''s owner passes.';
revoke execute on function app_private.refuse_rewrite() from public;

drop trigger staff_audit_append_only on public.staff_audit;
drop trigger staff_audit_no_truncate on public.staff_audit;
create trigger staff_audit_append_only before update or delete on public.staff_audit
  for each row execute function app_private.refuse_rewrite();
create trigger staff_audit_no_truncate before truncate on public.staff_audit
  for each statement execute function app_private.refuse_rewrite();

drop trigger booking_attendance_append_only on public.booking_attendance;
create trigger booking_attendance_append_only before update or delete on public.booking_attendance
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_attendance_no_truncate before truncate on public.booking_attendance
  for each statement execute function app_private.refuse_rewrite();

drop trigger booking_staff_changes_append_only on public.booking_staff_changes;
create trigger booking_staff_changes_append_only before update or delete on public.booking_staff_changes
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_staff_changes_no_truncate before truncate on public.booking_staff_changes
  for each statement execute function app_private.refuse_rewrite();

drop trigger marketing_consents_append_only on public.marketing_consents;
drop trigger marketing_consents_no_truncate on public.marketing_consents;
create trigger marketing_consents_append_only before update or delete on public.marketing_consents
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger marketing_consents_no_truncate before truncate on public.marketing_consents
  for each statement execute function app_private.refuse_rewrite();

drop function app_private.refuse_audit_change();
drop function app_private.refuse_consent_rewrite();
