-- 0007: reserved for a migration of another branch (guidance); empty here
-- so that 0009 applies on this branch. Drop this file when the real 0007
-- lands (two files numbered 7 fail the migration check loudly).
SELECT 1;
