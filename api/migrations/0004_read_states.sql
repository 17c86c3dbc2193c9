-- Where each user stopped reading each channel, so unread markers follow them across devices.
create table "read_states" ("user_id" bigint not null, "channel_id" bigint not null, "last_read_message_id" bigint not null, "updated_at" timestamptz not null, constraint "read_states_pkey" primary key ("user_id", "channel_id"));
alter table "read_states" add constraint "read_states_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;
alter table "read_states" add constraint "read_states_channel_id_foreign" foreign key ("channel_id") references "channels" ("id") on update cascade on delete cascade;
