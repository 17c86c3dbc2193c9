-- Role mentions (`<@&roleId>` in a message's text). A role marked mentionable may be mentioned by
-- any member who can send; MENTION_EVERYONE mentions any role. Existing roles are not mentionable.
alter table "roles" add column "mentionable" boolean not null default false;
-- The roles a message mentions, decided when it is sent (as mentions_everyone), so each reader's
-- unread-mention count is an overlap with their member row's role_ids; null when it mentions none.
-- Neither column rewrites a table.
alter table "messages" add column "mention_role_ids" text[] null;
