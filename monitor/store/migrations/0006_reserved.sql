-- 0006: reserved for a migration of another branch (detection); empty here
-- so that 0007 applies on this branch. Drop this file when the real 0006
-- lands (two files numbered 6 fail the migration check loudly).
SELECT 1;
