-- The schema the first release made through EclipseLink's generated DDL (create-or-extend-tables,
-- Payara Micro 6, PostgreSQL), as pg_dump showed it; a database that release made is taken as at
-- this version (task.control.SchemaMigrations) and only the later migrations run on it.
CREATE TABLE stream_task (
    id bigint NOT NULL PRIMARY KEY,
    dtype character varying(31),
    completedat timestamp without time zone,
    createdat timestamp without time zone NOT NULL,
    finalvalue text,
    lastevent text,
    reservedseq bigint,
    status character varying(16) NOT NULL,
    updatedat timestamp without time zone NOT NULL
);

CREATE TABLE task_event (
    taskid bigint NOT NULL,
    seq bigint NOT NULL,
    data text NOT NULL,
    loggedat timestamp without time zone NOT NULL,
    name character varying(64) NOT NULL,
    PRIMARY KEY (taskid, seq)
);
CREATE INDEX task_event_task ON task_event (taskid, seq);

-- ids of tasks, handed out 50 at a time (StreamTask's table generator)
CREATE TABLE sequence (
    seq_name character varying(50) NOT NULL PRIMARY KEY,
    seq_count numeric(38,0)
);
INSERT INTO sequence (seq_name, seq_count) VALUES ('SEQ_GEN', 0);

-- the shipped task types: one table each, joined to stream_task
CREATE TABLE continuetask (
    id bigint NOT NULL PRIMARY KEY,
    proceed boolean,
    timeoutseconds integer,
    CONSTRAINT fk_continuetask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
CREATE TABLE countdowntask (
    id bigint NOT NULL PRIMARY KEY,
    delayms integer,
    steps integer,
    CONSTRAINT fk_countdowntask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
CREATE TABLE exampletask (
    id bigint NOT NULL PRIMARY KEY,
    delayms integer,
    message character varying(255),
    CONSTRAINT fk_exampletask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
CREATE TABLE fetchtask (
    id bigint NOT NULL PRIMARY KEY,
    url character varying(2000),
    CONSTRAINT fk_fetchtask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
CREATE TABLE itemstask (
    id bigint NOT NULL PRIMARY KEY,
    delayms integer,
    CONSTRAINT fk_itemstask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
CREATE TABLE items_task_item (
    itemstask_id bigint,
    item character varying(1000),
    "position" integer,
    CONSTRAINT fk_items_task_item_itemstask_id FOREIGN KEY (itemstask_id) REFERENCES stream_task (id)
);
CREATE TABLE spamtask (
    id bigint NOT NULL PRIMARY KEY,
    count integer,
    delayms integer,
    hold boolean,
    size integer,
    startdelayms integer,
    CONSTRAINT fk_spamtask_id FOREIGN KEY (id) REFERENCES stream_task (id)
);
