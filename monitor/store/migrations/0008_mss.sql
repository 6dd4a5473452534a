-- 0008: the MSS provider this device is enrolled with, its notifications
-- (the ids seen, so none is applied twice, and the cursor to resume
-- after), the findings they raised with the provider's texts, and the input
-- refused from it. The token and the signing key are secrets: they live in
-- the OS keyring (or its 0600 fallback file), never here. See docs/schema.md.

CREATE TABLE mss_provider (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    url          TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    heartbeat    INTEGER NOT NULL DEFAULT 0,
    cursor       TEXT NOT NULL DEFAULT '',
    enrolled     INTEGER NOT NULL,
    last_contact INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE mss_notifications (
    id          TEXT NOT NULL,
    provider    TEXT NOT NULL,
    cursor      TEXT NOT NULL,
    finding_uid TEXT NOT NULL DEFAULT '',
    activity    INTEGER NOT NULL DEFAULT 0,
    rejected    TEXT NOT NULL DEFAULT '',
    payload     TEXT NOT NULL DEFAULT '',
    received    INTEGER NOT NULL,
    PRIMARY KEY (provider, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE mss_findings (
    provider          TEXT NOT NULL,
    uid               TEXT NOT NULL,
    finding_id        INTEGER NOT NULL,
    notification      TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '{}',
    description       TEXT NOT NULL DEFAULT '{}',
    remediation       TEXT NOT NULL DEFAULT '{}',
    reported_state    TEXT NOT NULL,
    updated           INTEGER NOT NULL,
    PRIMARY KEY (provider, uid)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX mss_findings_finding ON mss_findings (finding_id);

CREATE TABLE mss_rejects (
    reason  TEXT PRIMARY KEY,
    count   INTEGER NOT NULL CHECK (count >= 0),
    last_at INTEGER NOT NULL
) STRICT;
