-- The recording adapters' messages of one turn of the app's event loop are written in one
-- statement (issue 17): a guest booking's inline delivery records its email, calendar event and
-- staff LINE text at once, and under load many bookings' records share a call. Three round
-- trips per booking were one each (lib/notifications/providers/record-outgoing-message.ts).

drop function public.record_outgoing_message(text, text, text, jsonb);

-- What the recording adapters "send" when no provider keys are set (development): each of
-- p_messages ({channel, recipient, subject, body}) recorded, in their order. Its commit does not
-- wait for the disk: the jobs' outcomes, recorded after it, commit durably.
create function public.record_outgoing_messages(p_messages jsonb) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  with recorded as (
    insert into public.dev_outgoing_messages (channel, recipient, subject, body)
    select m ->> 'channel', m ->> 'recipient', m ->> 'subject', m -> 'body'
    from jsonb_array_elements(p_messages) with ordinality as t(m, n)
    order by t.n
    returning id
  )
  select jsonb_build_object('recorded', count(*)) from recorded
$$;

revoke execute on function public.record_outgoing_messages(jsonb) from public;
grant execute on function public.record_outgoing_messages(jsonb) to service_role;
