-- @here: a message whose author held MENTION_EVERYONE mentions the members shown online when it was
-- sent (as Discord's @here), so each of them counts it in their unread mentions later, online or not.
-- Decided at send, like mention_role_ids: who was online is not known afterwards. Null: no @here.
-- It does not rewrite the table.
alter table "messages" add column "mention_here_user_ids" text[] null;
