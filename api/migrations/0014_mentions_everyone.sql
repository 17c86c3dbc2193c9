-- @everyone: whether a message mentions every member who can see its channel. Decided when it is sent
-- (the author then held MENTION_EVERYONE; the words alone notify nobody), so the unread-mention
-- count of each reader needs no permission check per message. New rows default to false: adding the
-- column rewrites nothing.
alter table "messages" add column "mentions_everyone" boolean not null default false;
