-- Each sign-in's last activity and the client it signed in with: the account's list of sessions.
-- Existing sessions were last seen, as far as anyone knows, when they began.
alter table "sessions" add column "last_active_at" timestamptz null, add column "client" varchar(256) null;
update "sessions" set "last_active_at" = "created_at";
alter table "sessions" alter column "last_active_at" set not null;
