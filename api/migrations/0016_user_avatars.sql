-- Uploaded avatars: the bytes in their own table, so loading a user never loads an image; the
-- users row names the current one by its content hash (null: no avatar), which is also its URL's
-- last part, so a new avatar is a new URL and an old one can be cached for good.
create table "user_avatars" ("user_id" bigint not null, "content_type" varchar(16) not null, "bytes" bytea not null, constraint "user_avatars_pkey" primary key ("user_id"));
alter table "user_avatars" add constraint "user_avatars_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;
alter table "users" add column "avatar_hash" varchar(64) null;
