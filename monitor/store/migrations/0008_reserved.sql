-- 0008: reserved for a migration of another branch; empty here so that
-- 0009 applies on this branch. Drop this file when the real 0008 lands
-- (two files numbered 8 fail the migration check loudly).
SELECT 1;
