-- the primary key (taskid, seq) serves every lookup; the second index on the same columns only
-- slowed each write of the event log
DROP INDEX IF EXISTS task_event_task;
