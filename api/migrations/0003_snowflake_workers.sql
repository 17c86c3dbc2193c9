-- Each process leases its snowflake worker id from the database its ids are stored in, so ids are
-- unique per database whatever Redis prefix or host a process uses.
create sequence "snowflake_worker_seq" as bigint;
