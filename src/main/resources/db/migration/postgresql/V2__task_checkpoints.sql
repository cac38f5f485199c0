-- a task's state saved with its last logged checkpointed event (TaskContext.checkpoint)
ALTER TABLE stream_task ADD COLUMN IF NOT EXISTS checkpoint text;
