-- 0003: drops the collector could not pin on a source (refused senders,
-- kernel UDP drops, too many connections…), so `kizuki status` in another
-- process can show them.

CREATE TABLE collector_drops (
    reason  TEXT PRIMARY KEY,
    count   INTEGER NOT NULL CHECK (count >= 0),
    updated INTEGER NOT NULL
) STRICT;
