-- 0004: where `kizuki pull` stands in each log it polls on a device (the
-- FortiGate REST API's traffic/forward, event/vpn, …), committed in the
-- same transaction as the events read up to it, like imports, so a
-- restart neither stores a log line twice nor skips one. The cursor is
-- the puller's own text; the store does not read it.

CREATE TABLE pull_cursors (
    source  TEXT NOT NULL,
    stream  TEXT NOT NULL,
    cursor  TEXT NOT NULL,
    updated INTEGER NOT NULL,
    PRIMARY KEY (source, stream)
) STRICT, WITHOUT ROWID;
