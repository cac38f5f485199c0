-- What the first release (EclipseLink's generated schema, embedded H2 2.2) left in its database when
-- it was killed: three tasks completed, a SpamTask and a ContinueTask RUNNING, an ExampleTask
-- PENDING. H2's SCRIPT of it, after cutting the SpamTask's count to 850 and its logged events to the
-- first 50 so that the test stays short.
-- H2 2.2.224;
SET WRITE_DELAY 0;
;
CREATE CACHED TABLE "PUBLIC"."STREAM_TASK"(
    "ID" BIGINT NOT NULL,
    "DTYPE" CHARACTER VARYING(31),
    "COMPLETEDAT" TIMESTAMP,
    "CREATEDAT" TIMESTAMP NOT NULL,
    "FINALVALUE" CHARACTER VARYING,
    "LASTEVENT" CHARACTER VARYING,
    "RESERVEDSEQ" BIGINT,
    "STATUS" CHARACTER VARYING(16) NOT NULL,
    "UPDATEDAT" TIMESTAMP NOT NULL
);
ALTER TABLE "PUBLIC"."STREAM_TASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_E" PRIMARY KEY("ID");
-- 6 +/- SELECT COUNT(*) FROM PUBLIC.STREAM_TASK;
INSERT INTO "PUBLIC"."STREAM_TASK" VALUES
(1, 'ExampleTask', TIMESTAMP '2026-12-01 15:52:33.623', TIMESTAMP '2026-12-01 15:52:33.502', '{"steps":3,"message":"hi"}', '{"id":5,"event":"complete","data":{"final_value":{"steps":3,"message":"hi"},"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.614Z"}}', 1000, 'COMPLETED', TIMESTAMP '2026-12-01 15:52:33.623'),
(2, 'CountdownTask', TIMESTAMP '2026-12-01 15:52:33.649', TIMESTAMP '2026-12-01 15:52:33.582', '{"steps":3}', '{"id":4,"event":"complete","data":{"final_value":{"steps":3},"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:52:33.645Z"}}', 1000, 'COMPLETED', TIMESTAMP '2026-12-01 15:52:33.649'),
(3, 'ItemsTask', TIMESTAMP '2026-12-01 15:52:33.693', TIMESTAMP '2026-12-01 15:52:33.64', '{"processed":3}', '{"id":4,"event":"complete","data":{"final_value":{"processed":3},"_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:52:33.692Z"}}', 1000, 'COMPLETED', TIMESTAMP '2026-12-01 15:52:33.693'),
(4, 'SpamTask', NULL, TIMESTAMP '2026-12-01 15:52:33.684', NULL, '{"id":1403,"event":"progress","data":{"sent_at_us":1796140360708696,"count":100000,"seq":1403,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:40.708Z"}}', 2000, 'RUNNING', TIMESTAMP '2026-12-01 15:52:40.711'),
(5, 'ContinueTask', NULL, TIMESTAMP '2026-12-01 15:52:33.712', NULL, NULL, 1000, 'RUNNING', TIMESTAMP '2026-12-01 15:52:33.722'),
(6, 'ExampleTask', NULL, TIMESTAMP '2026-12-01 15:52:33.745', NULL, NULL, 0, 'PENDING', TIMESTAMP '2026-12-01 15:52:33.745');
CREATE CACHED TABLE "PUBLIC"."COUNTDOWNTASK"(
    "ID" BIGINT NOT NULL,
    "DELAYMS" INTEGER,
    "STEPS" INTEGER
);
ALTER TABLE "PUBLIC"."COUNTDOWNTASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_D" PRIMARY KEY("ID");
-- 1 +/- SELECT COUNT(*) FROM PUBLIC.COUNTDOWNTASK;
INSERT INTO "PUBLIC"."COUNTDOWNTASK" VALUES
(2, 10, 3);
CREATE CACHED TABLE "PUBLIC"."SPAMTASK"(
    "ID" BIGINT NOT NULL,
    "COUNT" INTEGER,
    "DELAYMS" INTEGER,
    "HOLD" BOOLEAN,
    "SIZE" INTEGER,
    "STARTDELAYMS" INTEGER
);
ALTER TABLE "PUBLIC"."SPAMTASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_A" PRIMARY KEY("ID");
-- 1 +/- SELECT COUNT(*) FROM PUBLIC.SPAMTASK;
INSERT INTO "PUBLIC"."SPAMTASK" VALUES
(4, 850, 5, FALSE, 100, 0);
CREATE CACHED TABLE "PUBLIC"."FETCHTASK"(
    "ID" BIGINT NOT NULL,
    "URL" CHARACTER VARYING(2000)
);
ALTER TABLE "PUBLIC"."FETCHTASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_5" PRIMARY KEY("ID");
-- 0 +/- SELECT COUNT(*) FROM PUBLIC.FETCHTASK;
CREATE CACHED TABLE "PUBLIC"."CONTINUETASK"(
    "ID" BIGINT NOT NULL,
    "PROCEED" BOOLEAN,
    "TIMEOUTSECONDS" INTEGER
);
ALTER TABLE "PUBLIC"."CONTINUETASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_5D" PRIMARY KEY("ID");
-- 1 +/- SELECT COUNT(*) FROM PUBLIC.CONTINUETASK;
INSERT INTO "PUBLIC"."CONTINUETASK" VALUES
(5, FALSE, 600);
CREATE CACHED TABLE "PUBLIC"."ITEMSTASK"(
    "ID" BIGINT NOT NULL,
    "DELAYMS" INTEGER
);
ALTER TABLE "PUBLIC"."ITEMSTASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_2" PRIMARY KEY("ID");
-- 1 +/- SELECT COUNT(*) FROM PUBLIC.ITEMSTASK;
INSERT INTO "PUBLIC"."ITEMSTASK" VALUES
(3, 10);
CREATE CACHED TABLE "PUBLIC"."TASK_EVENT"(
    "TASKID" BIGINT NOT NULL,
    "SEQ" BIGINT NOT NULL,
    "DATA" CHARACTER VARYING NOT NULL,
    "LOGGEDAT" TIMESTAMP NOT NULL,
    "NAME" CHARACTER VARYING(64) NOT NULL
);
ALTER TABLE "PUBLIC"."TASK_EVENT" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_A0" PRIMARY KEY("TASKID", "SEQ");
-- 64 +/- SELECT COUNT(*) FROM PUBLIC.TASK_EVENT;
INSERT INTO "PUBLIC"."TASK_EVENT" VALUES
(1, 1, '{"message":"hi","_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.544Z"}', TIMESTAMP '2026-12-01 15:52:33.594408', 'start'),
(1, 2, '{"message":"hi","total_steps":3,"step":1,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.590Z"}', TIMESTAMP '2026-12-01 15:52:33.596626', 'progress'),
(1, 3, '{"message":"hi","total_steps":3,"step":2,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.600Z"}', TIMESTAMP '2026-12-01 15:52:33.608994', 'progress'),
(1, 4, '{"message":"hi","total_steps":3,"step":3,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.611Z"}', TIMESTAMP '2026-12-01 15:52:33.66312', 'progress'),
(2, 3, '{"step":3,"remaining":0,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:52:33.645Z"}', TIMESTAMP '2026-12-01 15:52:33.663333', 'progress'),
(2, 4, '{"final_value":{"steps":3},"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:52:33.645Z"}', TIMESTAMP '2026-12-01 15:52:33.66335', 'complete'),
(2, 2, '{"step":2,"remaining":1,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:52:33.634Z"}', TIMESTAMP '2026-12-01 15:52:33.663316', 'progress'),
(2, 1, '{"step":1,"remaining":2,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:52:33.623Z"}', TIMESTAMP '2026-12-01 15:52:33.663274', 'progress'),
(1, 5, '{"final_value":{"steps":3,"message":"hi"},"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:52:33.614Z"}', TIMESTAMP '2026-12-01 15:52:33.663297', 'complete'),
(3, 1, '{"step":1,"total":3,"result":"A","item":"a","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:52:33.665Z"}', TIMESTAMP '2026-12-01 15:52:33.668786', 'progress'),
(4, 1, '{"sent_at_us":1796140353698636,"count":100000,"seq":1,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.698Z"}', TIMESTAMP '2026-12-01 15:52:33.723136', 'progress'),
(3, 3, '{"step":3,"total":3,"result":"C","item":"c","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:52:33.691Z"}', TIMESTAMP '2026-12-01 15:52:33.723097', 'progress'),
(4, 5, '{"sent_at_us":1796140353719276,"count":100000,"seq":5,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.719Z"}', TIMESTAMP '2026-12-01 15:52:33.723364', 'progress'),
(3, 4, '{"final_value":{"processed":3},"_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:52:33.692Z"}', TIMESTAMP '2026-12-01 15:52:33.723118', 'complete'),
(3, 2, '{"step":2,"total":3,"result":"B","item":"b","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:52:33.676Z"}', TIMESTAMP '2026-12-01 15:52:33.723005', 'progress'),
(4, 4, '{"sent_at_us":1796140353714025,"count":100000,"seq":4,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.714Z"}', TIMESTAMP '2026-12-01 15:52:33.723347', 'progress'),
(4, 2, '{"sent_at_us":1796140353704044,"count":100000,"seq":2,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.704Z"}', TIMESTAMP '2026-12-01 15:52:33.723151', 'progress'),
(4, 3, '{"sent_at_us":1796140353709347,"count":100000,"seq":3,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.709Z"}', TIMESTAMP '2026-12-01 15:52:33.723325', 'progress');
INSERT INTO "PUBLIC"."TASK_EVENT" VALUES
(4, 7, '{"sent_at_us":1796140353729252,"count":100000,"seq":7,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.729Z"}', TIMESTAMP '2026-12-01 15:52:33.733318', 'progress'),
(5, 1, '{"timeout_seconds":600,"_task_id":5,"_app":"tests","_model":"ContinueTask","_timestamp":"2026-12-01T15:52:33.724Z"}', TIMESTAMP '2026-12-01 15:52:33.733195', 'started'),
(4, 6, '{"sent_at_us":1796140353725002,"count":100000,"seq":6,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.725Z"}', TIMESTAMP '2026-12-01 15:52:33.733296', 'progress'),
(4, 9, '{"sent_at_us":1796140353739311,"count":100000,"seq":9,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.739Z"}', TIMESTAMP '2026-12-01 15:52:33.739983', 'progress'),
(4, 8, '{"sent_at_us":1796140353737871,"count":100000,"seq":8,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.737Z"}', TIMESTAMP '2026-12-01 15:52:33.739851', 'progress'),
(4, 11, '{"sent_at_us":1796140353748868,"count":100000,"seq":11,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.748Z"}', TIMESTAMP '2026-12-01 15:52:33.793055', 'progress'),
(4, 17, '{"sent_at_us":1796140353779389,"count":100000,"seq":17,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.779Z"}', TIMESTAMP '2026-12-01 15:52:33.793261', 'progress'),
(4, 19, '{"sent_at_us":1796140353788808,"count":100000,"seq":19,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.788Z"}', TIMESTAMP '2026-12-01 15:52:33.793299', 'progress'),
(4, 16, '{"sent_at_us":1796140353774102,"count":100000,"seq":16,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.774Z"}', TIMESTAMP '2026-12-01 15:52:33.793246', 'progress'),
(4, 10, '{"sent_at_us":1796140353744579,"count":100000,"seq":10,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.744Z"}', TIMESTAMP '2026-12-01 15:52:33.792871', 'progress'),
(4, 18, '{"sent_at_us":1796140353783608,"count":100000,"seq":18,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.783Z"}', TIMESTAMP '2026-12-01 15:52:33.793285', 'progress'),
(4, 12, '{"sent_at_us":1796140353754133,"count":100000,"seq":12,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.754Z"}', TIMESTAMP '2026-12-01 15:52:33.79311', 'progress'),
(4, 15, '{"sent_at_us":1796140353768889,"count":100000,"seq":15,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.768Z"}', TIMESTAMP '2026-12-01 15:52:33.793196', 'progress'),
(4, 13, '{"sent_at_us":1796140353759407,"count":100000,"seq":13,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.759Z"}', TIMESTAMP '2026-12-01 15:52:33.793128', 'progress');
INSERT INTO "PUBLIC"."TASK_EVENT" VALUES
(4, 14, '{"sent_at_us":1796140353763664,"count":100000,"seq":14,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.763Z"}', TIMESTAMP '2026-12-01 15:52:33.793163', 'progress'),
(4, 22, '{"sent_at_us":1796140353804286,"count":100000,"seq":22,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.804Z"}', TIMESTAMP '2026-12-01 15:52:33.805109', 'progress'),
(4, 20, '{"sent_at_us":1796140353794080,"count":100000,"seq":20,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.794Z"}', TIMESTAMP '2026-12-01 15:52:33.80498', 'progress'),
(4, 21, '{"sent_at_us":1796140353802022,"count":100000,"seq":21,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.802Z"}', TIMESTAMP '2026-12-01 15:52:33.80509', 'progress'),
(4, 24, '{"sent_at_us":1796140353813772,"count":100000,"seq":24,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.813Z"}', TIMESTAMP '2026-12-01 15:52:33.85981', 'progress'),
(4, 30, '{"sent_at_us":1796140353843994,"count":100000,"seq":30,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.844Z"}', TIMESTAMP '2026-12-01 15:52:33.859907', 'progress'),
(4, 25, '{"sent_at_us":1796140353819011,"count":100000,"seq":25,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.819Z"}', TIMESTAMP '2026-12-01 15:52:33.859833', 'progress'),
(4, 26, '{"sent_at_us":1796140353824219,"count":100000,"seq":26,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.824Z"}', TIMESTAMP '2026-12-01 15:52:33.859849', 'progress'),
(4, 23, '{"sent_at_us":1796140353809527,"count":100000,"seq":23,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.809Z"}', TIMESTAMP '2026-12-01 15:52:33.859638', 'progress'),
(4, 31, '{"sent_at_us":1796140353849186,"count":100000,"seq":31,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.849Z"}', TIMESTAMP '2026-12-01 15:52:33.85992', 'progress'),
(4, 32, '{"sent_at_us":1796140353854375,"count":100000,"seq":32,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.854Z"}', TIMESTAMP '2026-12-01 15:52:33.859935', 'progress'),
(4, 28, '{"sent_at_us":1796140353833633,"count":100000,"seq":28,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.833Z"}', TIMESTAMP '2026-12-01 15:52:33.859878', 'progress'),
(4, 27, '{"sent_at_us":1796140353829425,"count":100000,"seq":27,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.829Z"}', TIMESTAMP '2026-12-01 15:52:33.859863', 'progress');
INSERT INTO "PUBLIC"."TASK_EVENT" VALUES
(4, 29, '{"sent_at_us":1796140353838799,"count":100000,"seq":29,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.838Z"}', TIMESTAMP '2026-12-01 15:52:33.859894', 'progress'),
(4, 33, '{"sent_at_us":1796140353860941,"count":100000,"seq":33,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.860Z"}', TIMESTAMP '2026-12-01 15:52:33.871331', 'progress'),
(4, 35, '{"sent_at_us":1796140353870836,"count":100000,"seq":35,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.870Z"}', TIMESTAMP '2026-12-01 15:52:33.871671', 'progress'),
(4, 34, '{"sent_at_us":1796140353864156,"count":100000,"seq":34,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.864Z"}', TIMESTAMP '2026-12-01 15:52:33.87165', 'progress'),
(4, 42, '{"sent_at_us":1796140353903626,"count":100000,"seq":42,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.903Z"}', TIMESTAMP '2026-12-01 15:52:33.925151', 'progress'),
(4, 38, '{"sent_at_us":1796140353883594,"count":100000,"seq":38,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.883Z"}', TIMESTAMP '2026-12-01 15:52:33.924805', 'progress'),
(4, 45, '{"sent_at_us":1796140353919330,"count":100000,"seq":45,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.919Z"}', TIMESTAMP '2026-12-01 15:52:33.926957', 'progress'),
(4, 36, '{"sent_at_us":1796140353874090,"count":100000,"seq":36,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.874Z"}', TIMESTAMP '2026-12-01 15:52:33.924433', 'progress'),
(4, 39, '{"sent_at_us":1796140353888883,"count":100000,"seq":39,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.888Z"}', TIMESTAMP '2026-12-01 15:52:33.924821', 'progress'),
(4, 37, '{"sent_at_us":1796140353879335,"count":100000,"seq":37,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.879Z"}', TIMESTAMP '2026-12-01 15:52:33.924783', 'progress'),
(4, 44, '{"sent_at_us":1796140353914077,"count":100000,"seq":44,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.914Z"}', TIMESTAMP '2026-12-01 15:52:33.926924', 'progress'),
(4, 46, '{"sent_at_us":1796140353923680,"count":100000,"seq":46,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.923Z"}', TIMESTAMP '2026-12-01 15:52:33.92697', 'progress'),
(4, 43, '{"sent_at_us":1796140353908848,"count":100000,"seq":43,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.908Z"}', TIMESTAMP '2026-12-01 15:52:33.926806', 'progress');
INSERT INTO "PUBLIC"."TASK_EVENT" VALUES
(4, 41, '{"sent_at_us":1796140353899360,"count":100000,"seq":41,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.899Z"}', TIMESTAMP '2026-12-01 15:52:33.925045', 'progress'),
(4, 40, '{"sent_at_us":1796140353894123,"count":100000,"seq":40,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.894Z"}', TIMESTAMP '2026-12-01 15:52:33.924836', 'progress'),
(4, 47, '{"sent_at_us":1796140353928867,"count":100000,"seq":47,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.928Z"}', TIMESTAMP '2026-12-01 15:52:33.933509', 'progress'),
(4, 48, '{"sent_at_us":1796140353934107,"count":100000,"seq":48,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.934Z"}', TIMESTAMP '2026-12-01 15:52:33.935837', 'progress'),
(4, 50, '{"sent_at_us":1796140353943704,"count":100000,"seq":50,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.943Z"}', TIMESTAMP '2026-12-01 15:52:33.987636', 'progress'),
(4, 49, '{"sent_at_us":1796140353939399,"count":100000,"seq":49,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:52:33.939Z"}', TIMESTAMP '2026-12-01 15:52:33.987166', 'progress');
CREATE INDEX "PUBLIC"."TASK_EVENT_TASK" ON "PUBLIC"."TASK_EVENT"("TASKID" NULLS FIRST, "SEQ" NULLS FIRST);
CREATE CACHED TABLE "PUBLIC"."EXAMPLETASK"(
    "ID" BIGINT NOT NULL,
    "DELAYMS" INTEGER,
    "MESSAGE" CHARACTER VARYING
);
ALTER TABLE "PUBLIC"."EXAMPLETASK" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_C" PRIMARY KEY("ID");
-- 2 +/- SELECT COUNT(*) FROM PUBLIC.EXAMPLETASK;
INSERT INTO "PUBLIC"."EXAMPLETASK" VALUES
(1, 10, 'hi'),
(6, 100, 'later');
CREATE CACHED TABLE "PUBLIC"."ITEMS_TASK_ITEM"(
    "ITEMSTASK_ID" BIGINT,
    "ITEM" CHARACTER VARYING(1000),
    "POSITION" INTEGER
);
-- 3 +/- SELECT COUNT(*) FROM PUBLIC.ITEMS_TASK_ITEM;
INSERT INTO "PUBLIC"."ITEMS_TASK_ITEM" VALUES
(3, 'a', 0),
(3, 'b', 1),
(3, 'c', 2);
CREATE CACHED TABLE "PUBLIC"."SEQUENCE"(
    "SEQ_NAME" CHARACTER VARYING(50) NOT NULL,
    "SEQ_COUNT" NUMERIC(38)
);
ALTER TABLE "PUBLIC"."SEQUENCE" ADD CONSTRAINT "PUBLIC"."CONSTRAINT_7" PRIMARY KEY("SEQ_NAME");
-- 1 +/- SELECT COUNT(*) FROM PUBLIC.SEQUENCE;
INSERT INTO "PUBLIC"."SEQUENCE" VALUES
('SEQ_GEN', 50);
ALTER TABLE "PUBLIC"."SPAMTASK" ADD CONSTRAINT "PUBLIC"."FK_SPAMTASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."FETCHTASK" ADD CONSTRAINT "PUBLIC"."FK_FETCHTASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."COUNTDOWNTASK" ADD CONSTRAINT "PUBLIC"."FK_COUNTDOWNTASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."ITEMSTASK" ADD CONSTRAINT "PUBLIC"."FK_ITEMSTASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."EXAMPLETASK" ADD CONSTRAINT "PUBLIC"."FK_EXAMPLETASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."CONTINUETASK" ADD CONSTRAINT "PUBLIC"."FK_CONTINUETASK_ID" FOREIGN KEY("ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;
ALTER TABLE "PUBLIC"."ITEMS_TASK_ITEM" ADD CONSTRAINT "PUBLIC"."FK_ITEMS_TASK_ITEM_ITEMSTASK_ID" FOREIGN KEY("ITEMSTASK_ID") REFERENCES "PUBLIC"."STREAM_TASK"("ID") NOCHECK;

