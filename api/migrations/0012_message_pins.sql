-- Pinned messages: when a moderator pinned the message (null: not pinned). The partial index holds
-- only pinned rows, so listing a channel's pins never walks its other messages.
alter table "messages" add column "pinned_at" timestamptz null;
create index "messages_channel_id_pinned_at_index" on "messages" ("channel_id", "pinned_at") where "pinned_at" is not null;
