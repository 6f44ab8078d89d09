-- The LIFF screen's "who am I": the LINE user's profile and the customer it is linked to.
-- Called as service_role only after the app has verified the LINE ID token.

create function public.get_liff_line_profile(p_line_user_id text) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  as $$
declare
  v_profile public.profiles%rowtype;
begin
  select * into v_profile from public.profiles p
  where p.provider = 'line' and p.provider_account_id = p_line_user_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'PROFILE_NOT_FOUND';
  end if;
  return jsonb_build_object(
    'lineUserId', p_line_user_id,
    'customerId', v_profile.customer_id,
    'displayName', v_profile.display_name
  );
end
$$;
comment on function public.get_liff_line_profile(text) is 'A LINE user''s profile for the LIFF screen: linked customer (or null) and display name.';

revoke execute on function public.get_liff_line_profile(text) from public;
grant execute on function public.get_liff_line_profile(text) to service_role;
