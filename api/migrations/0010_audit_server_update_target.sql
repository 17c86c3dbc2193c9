-- A SERVER_UPDATE entry's target is its server (features/audit/audit-target.ts names it so), but an
-- ownership transfer used to record the new owner there; the new owner is in its changes too.
update "audit_log_entries" set "target_id" = "server_id" where "action" = 'SERVER_UPDATE' and "target_id" <> "server_id";
