-- the primary key (TASKID, SEQ) serves every lookup; the second index on the same columns only
-- slowed each write of the event log
DROP INDEX IF EXISTS TASK_EVENT_TASK;
