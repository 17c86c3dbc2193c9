-- Message search: the whole words of each message, per server; btree_gin lets one GIN index hold
-- both, so a search reads only its server's matches. fastupdate off: a send adds its few words at
-- once, rather than to a pending list that some later send would have to merge (a stall of tens of
-- milliseconds on the send path).
create extension if not exists btree_gin;
create index "messages_search_index" on "messages" using gin ("server_id", to_tsvector('simple', "content")) with (fastupdate = off);
