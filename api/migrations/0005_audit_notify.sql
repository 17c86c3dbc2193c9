-- Every committed audit entry, whoever wrote it (API, worker, bot through the API), is announced on
-- the 'audit_log' channel: NOTIFY is delivered at commit, so listeners never see a rolled-back entry.
create function "audit_log_notify"() returns trigger language plpgsql as $$
begin
  perform pg_notify('audit_log', json_build_object('serverId', new.server_id::text, 'id', new.id::text)::text);
  return null;
end
$$;
create trigger "audit_log_entries_notify" after insert on "audit_log_entries" for each row execute function "audit_log_notify"();
