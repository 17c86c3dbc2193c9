-- A text channel's topic (shown in its header; null = none) and a voice channel's audio bitrate in
-- bits/s (the browsers' and bots' encoders cap their Opus output at it).
alter table "channels"
  add column "topic" varchar(1024) null,
  add column "bitrate" int not null default 64000;
