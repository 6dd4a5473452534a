-- 0010: the owner's settings as the desktop app keeps them (company name,
-- gear, onboarding done, quiet hours, language, data retention), one row
-- per key with a JSON value, so a setting added later needs no migration.

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL,
    updated INTEGER NOT NULL
) STRICT;
