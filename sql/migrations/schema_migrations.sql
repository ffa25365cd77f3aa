-- The ledger of schema migrations (tasks/load/migrations.py): one row per migration file of
-- this folder that the warehouse has, and whether it ran here or came with the DDL.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    ran         BOOLEAN NOT NULL   -- false: recorded when the warehouse was created
);
