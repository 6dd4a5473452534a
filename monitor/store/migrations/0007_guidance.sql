-- 0007: guidance. Where the owner stands in each fix-it wizard (resumable),
-- every answer given to a checklist item (history: the latest per item is
-- the current answer) and checklist scores over time.

CREATE TABLE wizard_progress (
	playbook TEXT NOT NULL,
	subject  TEXT NOT NULL DEFAULT '',
	variant  TEXT NOT NULL DEFAULT '',
	outcomes TEXT NOT NULL DEFAULT '{}',
	started  INTEGER NOT NULL,
	updated  INTEGER NOT NULL,
	PRIMARY KEY (playbook, subject)
) STRICT;

CREATE TABLE checklist_answers (
	id        INTEGER PRIMARY KEY,
	checklist TEXT NOT NULL,
	item      TEXT NOT NULL,
	answer    TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'unknown')),
	note      TEXT NOT NULL DEFAULT '',
	answered  INTEGER NOT NULL
) STRICT;
CREATE INDEX checklist_answers_item ON checklist_answers (checklist, item, answered);

CREATE TABLE score_snapshots (
	id        INTEGER PRIMARY KEY,
	checklist TEXT NOT NULL,
	score     INTEGER NOT NULL,
	band      TEXT NOT NULL DEFAULT '',
	taken     INTEGER NOT NULL
) STRICT;
CREATE INDEX score_snapshots_checklist ON score_snapshots (checklist, taken);
