-- Side effects of a committed timeout change (MemberUpdated, access invalidation, the job that ends
-- it), written in the same transaction and deleted once done: a crash in between leaves them to redo.
-- One row per member: whoever drains it announces the member's current state.
create table "timeout_outbox" (
  "server_id" bigint not null,
  "user_id" bigint not null,
  "until" timestamptz null,
  "created_at" timestamptz not null default now(),
  constraint "timeout_outbox_pkey" primary key ("server_id", "user_id")
);
