-- 0006: what the user told the detector, kept across restarts.
--
-- detect_allow: addresses (IP or CIDR), host or domain names and exact
-- subjects (a user name) that never raise a finding.
-- detect_suppressed: rule + subject pairs marked as false positives. A
-- trigger fills it whenever a finding is moved to 'false_positive', by
-- whichever code path, so the mark outlives the finding row itself.

CREATE TABLE detect_allow (
    value   TEXT PRIMARY KEY,
    note    TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL
) STRICT;

CREATE TABLE detect_suppressed (
    rule       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    finding_id INTEGER,
    created    INTEGER NOT NULL,
    PRIMARY KEY (rule, subject)
) STRICT;

CREATE TRIGGER findings_false_positive AFTER UPDATE OF state ON findings
WHEN NEW.state = 'false_positive' AND OLD.state != 'false_positive'
BEGIN
    INSERT OR IGNORE INTO detect_suppressed (rule, subject, finding_id, created)
    VALUES (NEW.rule, NEW.subject, NEW.id, NEW.updated);
END;

-- Marks already made before this migration count too.
INSERT OR IGNORE INTO detect_suppressed (rule, subject, finding_id, created)
SELECT rule, subject, id, updated FROM findings WHERE state = 'false_positive';
