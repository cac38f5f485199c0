-- a task's state saved with its last logged checkpointed event (TaskContext.checkpoint)
ALTER TABLE STREAM_TASK ADD COLUMN IF NOT EXISTS CHECKPOINT CHARACTER VARYING;
