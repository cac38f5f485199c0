-- the table of it.FailingTask, a task type of the tests' deployment only (TasksApiIT): a task type
-- comes with the migration that makes its table
CREATE TABLE FAILINGTASK (
    ID BIGINT NOT NULL PRIMARY KEY,
    FAILAFTER INTEGER,
    CONSTRAINT FK_FAILINGTASK_ID FOREIGN KEY (ID) REFERENCES STREAM_TASK (ID)
);
