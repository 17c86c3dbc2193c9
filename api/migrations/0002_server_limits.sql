-- Per-server message rate limits and the escalation policy applied by the workers.
alter table "servers"
  add column "channel_message_limit" int not null default 5,
  add column "channel_message_window_seconds" int not null default 5,
  add column "server_message_limit" int not null default 20,
  add column "server_message_window_seconds" int not null default 10,
  add column "escalation_enabled" boolean not null default true,
  add column "escalation_refusals" int not null default 3,
  add column "escalation_window_seconds" int not null default 60,
  add column "escalation_timeout_seconds" int not null default 300;
