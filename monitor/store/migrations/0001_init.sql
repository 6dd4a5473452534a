-- 0001: the first schema. Times are Unix milliseconds (UTC); lists and
-- maps are JSON text. See docs/schema.md.

CREATE TABLE sources (
    name                TEXT PRIMARY KEY,
    vendor              TEXT NOT NULL DEFAULT '',
    allowed_senders     TEXT NOT NULL DEFAULT '[]',
    time_zone           TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    expected_interval_s INTEGER NOT NULL DEFAULT 0 CHECK (expected_interval_s >= 0),
    last_seen           INTEGER,
    received            INTEGER NOT NULL DEFAULT 0,
    dropped             TEXT NOT NULL DEFAULT '{}',
    created             INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    time         INTEGER NOT NULL,
    time_guessed INTEGER NOT NULL DEFAULT 0,
    received     INTEGER NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    vendor       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    action       TEXT NOT NULL DEFAULT '',
    direction    TEXT NOT NULL DEFAULT '',
    src_ip       TEXT NOT NULL DEFAULT '',
    src_port     INTEGER NOT NULL DEFAULT 0,
    dst_ip       TEXT NOT NULL DEFAULT '',
    dst_port     INTEGER NOT NULL DEFAULT 0,
    proto        TEXT NOT NULL DEFAULT '',
    user         TEXT NOT NULL DEFAULT '',
    service      TEXT NOT NULL DEFAULT '',
    threat       TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    domain       TEXT NOT NULL DEFAULT '',
    severity     TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    vendor_id    TEXT NOT NULL DEFAULT '',
    malformed    INTEGER NOT NULL DEFAULT 0,
    raw          TEXT NOT NULL
) STRICT;

CREATE INDEX events_time ON events (time);

CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    rule       TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    subject    TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    count      INTEGER NOT NULL CHECK (count >= 0),
    evidence   TEXT NOT NULL DEFAULT '{}',
    origin     TEXT NOT NULL DEFAULT 'local',
    state      TEXT NOT NULL DEFAULT 'open'
               CHECK (state IN ('open', 'acknowledged', 'resolved', 'false_positive')),
    playbook   TEXT NOT NULL DEFAULT '',
    updated    INTEGER NOT NULL
) STRICT;

-- One active finding per rule and subject: a three-day attack is one
-- finding that grows.
CREATE UNIQUE INDEX findings_active ON findings (rule, subject)
    WHERE state IN ('open', 'acknowledged');
CREATE INDEX findings_state ON findings (state, last_seen);
