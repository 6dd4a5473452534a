-- 0009: reserved. Migrations 0006 to 0009 belong to branches developed beside
-- this one (migration numbers have no gaps); the lead replaces this file
-- with theirs at merge.
SELECT 1;
