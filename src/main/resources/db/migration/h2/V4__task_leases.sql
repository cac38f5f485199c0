-- Which node runs a task, and until when its lease holds unless renewed (epoch milliseconds, so
-- that nodes in different time zones agree): a node claims a task before it runs it and renews
-- the lease while the run goes on; another node takes over only a free or expired lease
-- (task.control.Leases).
ALTER TABLE STREAM_TASK ADD COLUMN IF NOT EXISTS LEASE_OWNER CHARACTER VARYING(64);
ALTER TABLE STREAM_TASK ADD COLUMN IF NOT EXISTS LEASE_EXPIRES BIGINT;
