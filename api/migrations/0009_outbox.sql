-- Side effects an action owes once committed (access invalidations, events, revoked sessions),
-- written in the action's own transaction: the process that committed performs and deletes the row
-- right after; if it died first, the workers' sweep does (oldest first). See api/src/outbox.
-- A performer claims a row for a while (claimed_until) rather than locking it: effects may need the
-- database themselves, and must not wait for a connection while holding one.
create table "outbox" (
  "id" bigserial primary key,
  "effects" jsonb not null,
  "created_at" timestamptz not null default now(),
  "claimed_until" timestamptz null
);
create index "outbox_created_at_index" on "outbox" ("created_at");
