-- Reactions: one row per (message, emoji, member who reacted); deleting the message or the user
-- takes their reactions with them. Listed per message in order of each emoji's first reaction.
create table "message_reactions" ("message_id" bigint not null, "emoji" varchar(64) not null, "user_id" bigint not null, "created_at" timestamptz not null default now(), constraint "message_reactions_pkey" primary key ("message_id", "emoji", "user_id"));
create index "message_reactions_user_id_index" on "message_reactions" ("user_id");
alter table "message_reactions" add constraint "message_reactions_message_id_foreign" foreign key ("message_id") references "messages" ("id") on update cascade on delete cascade;
alter table "message_reactions" add constraint "message_reactions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;

-- ADD_REACTIONS (bit 17) is new: @everyone of the servers that exist already gets it, as a new
-- server's @everyone does, so their members can react too.
update "roles" set "permissions" = "permissions" | 131072 where "is_default";
