-- 0009: the latest result of each check of this PC (monitor/endpoint:
-- browser notification permissions, antivirus, updates…), one row per
-- check, replaced by every run; the app shows them, the readiness score
-- and the insurance evidence read them, and the daily re-run looks at
-- checked_at. Findings the checks raise go to findings like any other.

CREATE TABLE endpoint_checks (
    check_id   TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('ok', 'warn', 'bad', 'unknown')),
    summary    TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    details    TEXT NOT NULL DEFAULT '{}',
    checked_at INTEGER NOT NULL
) STRICT;
