-- What the first release (EclipseLink's generated schema, PostgreSQL) left in its database when it
-- was killed: three tasks completed, a SpamTask and a ContinueTask RUNNING, an ExampleTask PENDING.
-- pg_dump --schema-only and --data-only --inserts of it, one statement a line group; the SpamTask's
-- count is cut to 850 and its logged events to the first 50 so that the test stays short.
CREATE TABLE public.continuetask (
    id bigint NOT NULL,
    proceed boolean,
    timeoutseconds integer
);
CREATE TABLE public.countdowntask (
    id bigint NOT NULL,
    delayms integer,
    steps integer
);
CREATE TABLE public.exampletask (
    id bigint NOT NULL,
    delayms integer,
    message character varying(255)
);
CREATE TABLE public.fetchtask (
    id bigint NOT NULL,
    url character varying(2000)
);
CREATE TABLE public.items_task_item (
    itemstask_id bigint,
    item character varying(1000),
    "position" integer
);
CREATE TABLE public.itemstask (
    id bigint NOT NULL,
    delayms integer
);
CREATE TABLE public.sequence (
    seq_name character varying(50) NOT NULL,
    seq_count numeric(38,0)
);
CREATE TABLE public.spamtask (
    id bigint NOT NULL,
    count integer,
    delayms integer,
    hold boolean,
    size integer,
    startdelayms integer
);
CREATE TABLE public.stream_task (
    id bigint NOT NULL,
    dtype character varying(31),
    completedat timestamp without time zone,
    createdat timestamp without time zone NOT NULL,
    finalvalue text,
    lastevent text,
    reservedseq bigint,
    status character varying(16) NOT NULL,
    updatedat timestamp without time zone NOT NULL
);
CREATE TABLE public.task_event (
    taskid bigint NOT NULL,
    seq bigint NOT NULL,
    data text NOT NULL,
    loggedat timestamp without time zone NOT NULL,
    name character varying(64) NOT NULL
);
ALTER TABLE ONLY public.continuetask
    ADD CONSTRAINT continuetask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.countdowntask
    ADD CONSTRAINT countdowntask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.exampletask
    ADD CONSTRAINT exampletask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.fetchtask
    ADD CONSTRAINT fetchtask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.itemstask
    ADD CONSTRAINT itemstask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.sequence
    ADD CONSTRAINT sequence_pkey PRIMARY KEY (seq_name);
ALTER TABLE ONLY public.spamtask
    ADD CONSTRAINT spamtask_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.stream_task
    ADD CONSTRAINT stream_task_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.task_event
    ADD CONSTRAINT task_event_pkey PRIMARY KEY (taskid, seq);
CREATE INDEX task_event_task ON public.task_event USING btree (taskid, seq);
ALTER TABLE ONLY public.continuetask
    ADD CONSTRAINT fk_continuetask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.countdowntask
    ADD CONSTRAINT fk_countdowntask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.exampletask
    ADD CONSTRAINT fk_exampletask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.fetchtask
    ADD CONSTRAINT fk_fetchtask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.items_task_item
    ADD CONSTRAINT fk_items_task_item_itemstask_id FOREIGN KEY (itemstask_id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.itemstask
    ADD CONSTRAINT fk_itemstask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
ALTER TABLE ONLY public.spamtask
    ADD CONSTRAINT fk_spamtask_id FOREIGN KEY (id) REFERENCES public.stream_task(id);
INSERT INTO public.stream_task VALUES (1, 'ExampleTask', '2026-12-01 15:53:21.126', '2026-12-01 15:53:21.017', '{"message":"hi","steps":3}', '{"id":5,"event":"complete","data":{"final_value":{"message":"hi","steps":3},"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.115Z"}}', 1000, 'COMPLETED', '2026-12-01 15:53:21.126');
INSERT INTO public.stream_task VALUES (2, 'CountdownTask', '2026-12-01 15:53:21.147', '2026-12-01 15:53:21.08', '{"steps":3}', '{"id":4,"event":"complete","data":{"final_value":{"steps":3},"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:53:21.141Z"}}', 1000, 'COMPLETED', '2026-12-01 15:53:21.147');
INSERT INTO public.stream_task VALUES (3, 'ItemsTask', '2026-12-01 15:53:21.213', '2026-12-01 15:53:21.149', '{"processed":3}', '{"id":4,"event":"complete","data":{"final_value":{"processed":3},"_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:53:21.211Z"}}', 1000, 'COMPLETED', '2026-12-01 15:53:21.213');
INSERT INTO public.stream_task VALUES (5, 'ContinueTask', NULL, '2026-12-01 15:53:21.223', NULL, NULL, 1000, 'RUNNING', '2026-12-01 15:53:21.233');
INSERT INTO public.stream_task VALUES (6, 'ExampleTask', NULL, '2026-12-01 15:53:21.249', NULL, NULL, 0, 'PENDING', '2026-12-01 15:53:21.249');
INSERT INTO public.stream_task VALUES (4, 'SpamTask', NULL, '2026-12-01 15:53:21.19', NULL, '{"id":799,"event":"progress","data":{"sent_at_us":1796140405215950,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":799,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:25.215Z"}}', 1000, 'RUNNING', '2026-12-01 15:53:25.22');
INSERT INTO public.continuetask VALUES (5, false, 600);
INSERT INTO public.countdowntask VALUES (2, 10, 3);
INSERT INTO public.exampletask VALUES (1, 10, 'hi');
INSERT INTO public.exampletask VALUES (6, 100, 'later');
INSERT INTO public.items_task_item VALUES (3, 'a', 0);
INSERT INTO public.items_task_item VALUES (3, 'b', 1);
INSERT INTO public.items_task_item VALUES (3, 'c', 2);
INSERT INTO public.itemstask VALUES (3, 10);
INSERT INTO public.sequence VALUES ('SEQ_GEN', 50);
INSERT INTO public.spamtask VALUES (4, 850, 5, false, 100, 0);
INSERT INTO public.task_event VALUES (1, 1, '{"message":"hi","_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.051Z"}', '2026-12-01 15:53:21.107756', 'start');
INSERT INTO public.task_event VALUES (1, 3, '{"message":"hi","step":2,"total_steps":3,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.103Z"}', '2026-12-01 15:53:21.110592', 'progress');
INSERT INTO public.task_event VALUES (1, 2, '{"message":"hi","step":1,"total_steps":3,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.093Z"}', '2026-12-01 15:53:21.110506', 'progress');
INSERT INTO public.task_event VALUES (1, 4, '{"message":"hi","step":3,"total_steps":3,"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.114Z"}', '2026-12-01 15:53:21.125248', 'progress');
INSERT INTO public.task_event VALUES (2, 1, '{"step":1,"remaining":2,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:53:21.116Z"}', '2026-12-01 15:53:21.125407', 'progress');
INSERT INTO public.task_event VALUES (2, 2, '{"step":2,"remaining":1,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:53:21.127Z"}', '2026-12-01 15:53:21.131198', 'progress');
INSERT INTO public.task_event VALUES (1, 5, '{"final_value":{"message":"hi","steps":3},"_task_id":1,"_app":"tests","_model":"ExampleTask","_timestamp":"2026-12-01T15:53:21.115Z"}', '2026-12-01 15:53:21.135844', 'complete');
INSERT INTO public.task_event VALUES (2, 3, '{"step":3,"remaining":0,"total_steps":3,"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:53:21.140Z"}', '2026-12-01 15:53:21.141748', 'progress');
INSERT INTO public.task_event VALUES (2, 4, '{"final_value":{"steps":3},"_task_id":2,"_app":"tests","_model":"CountdownTask","_timestamp":"2026-12-01T15:53:21.141Z"}', '2026-12-01 15:53:21.197928', 'complete');
INSERT INTO public.task_event VALUES (3, 1, '{"step":1,"total":3,"item":"a","result":"A","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:53:21.186Z"}', '2026-12-01 15:53:21.198072', 'progress');
INSERT INTO public.task_event VALUES (3, 2, '{"step":2,"total":3,"item":"b","result":"B","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:53:21.196Z"}', '2026-12-01 15:53:21.200235', 'progress');
INSERT INTO public.task_event VALUES (3, 4, '{"final_value":{"processed":3},"_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:53:21.211Z"}', '2026-12-01 15:53:21.25252', 'complete');
INSERT INTO public.task_event VALUES (3, 3, '{"step":3,"total":3,"item":"c","result":"C","_task_id":3,"_app":"tests","_model":"ItemsTask","_timestamp":"2026-12-01T15:53:21.208Z"}', '2026-12-01 15:53:21.25241', 'progress');
INSERT INTO public.task_event VALUES (5, 1, '{"timeout_seconds":600,"_task_id":5,"_app":"tests","_model":"ContinueTask","_timestamp":"2026-12-01T15:53:21.234Z"}', '2026-12-01 15:53:21.253271', 'started');
INSERT INTO public.task_event VALUES (4, 1, '{"sent_at_us":1796140401225221,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":1,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.225Z"}', '2026-12-01 15:53:21.252542', 'progress');
INSERT INTO public.task_event VALUES (4, 2, '{"sent_at_us":1796140401230711,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":2,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.230Z"}', '2026-12-01 15:53:21.253061', 'progress');
INSERT INTO public.task_event VALUES (4, 3, '{"sent_at_us":1796140401238849,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":3,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.238Z"}', '2026-12-01 15:53:21.253297', 'progress');
INSERT INTO public.task_event VALUES (4, 4, '{"sent_at_us":1796140401240209,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":4,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.240Z"}', '2026-12-01 15:53:21.253314', 'progress');
INSERT INTO public.task_event VALUES (4, 5, '{"sent_at_us":1796140401245496,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":5,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.245Z"}', '2026-12-01 15:53:21.25333', 'progress');
INSERT INTO public.task_event VALUES (4, 6, '{"sent_at_us":1796140401250934,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":6,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.250Z"}', '2026-12-01 15:53:21.253347', 'progress');
INSERT INTO public.task_event VALUES (4, 7, '{"sent_at_us":1796140401255334,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":7,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.255Z"}', '2026-12-01 15:53:21.258988', 'progress');
INSERT INTO public.task_event VALUES (4, 8, '{"sent_at_us":1796140401260894,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":8,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.260Z"}', '2026-12-01 15:53:21.266926', 'progress');
INSERT INTO public.task_event VALUES (4, 9, '{"sent_at_us":1796140401265245,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":9,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.265Z"}', '2026-12-01 15:53:21.267064', 'progress');
INSERT INTO public.task_event VALUES (4, 10, '{"sent_at_us":1796140401270736,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":10,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.270Z"}', '2026-12-01 15:53:21.322062', 'progress');
INSERT INTO public.task_event VALUES (4, 11, '{"sent_at_us":1796140401275601,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":11,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.275Z"}', '2026-12-01 15:53:21.322291', 'progress');
INSERT INTO public.task_event VALUES (4, 12, '{"sent_at_us":1796140401280910,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":12,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.280Z"}', '2026-12-01 15:53:21.323213', 'progress');
INSERT INTO public.task_event VALUES (4, 13, '{"sent_at_us":1796140401285213,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":13,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.285Z"}', '2026-12-01 15:53:21.323249', 'progress');
INSERT INTO public.task_event VALUES (4, 14, '{"sent_at_us":1796140401290535,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":14,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.290Z"}', '2026-12-01 15:53:21.323274', 'progress');
INSERT INTO public.task_event VALUES (4, 15, '{"sent_at_us":1796140401296024,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":15,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.296Z"}', '2026-12-01 15:53:21.323291', 'progress');
INSERT INTO public.task_event VALUES (4, 16, '{"sent_at_us":1796140401300284,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":16,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.300Z"}', '2026-12-01 15:53:21.323307', 'progress');
INSERT INTO public.task_event VALUES (4, 17, '{"sent_at_us":1796140401305571,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":17,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.305Z"}', '2026-12-01 15:53:21.323323', 'progress');
INSERT INTO public.task_event VALUES (4, 18, '{"sent_at_us":1796140401310837,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":18,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.310Z"}', '2026-12-01 15:53:21.323338', 'progress');
INSERT INTO public.task_event VALUES (4, 19, '{"sent_at_us":1796140401316073,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":19,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.316Z"}', '2026-12-01 15:53:21.323352', 'progress');
INSERT INTO public.task_event VALUES (4, 20, '{"sent_at_us":1796140401320351,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":20,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.320Z"}', '2026-12-01 15:53:21.323366', 'progress');
INSERT INTO public.task_event VALUES (4, 21, '{"sent_at_us":1796140401326468,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":21,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.326Z"}', '2026-12-01 15:53:21.32717', 'progress');
INSERT INTO public.task_event VALUES (4, 22, '{"sent_at_us":1796140401330793,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":22,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.330Z"}', '2026-12-01 15:53:21.379134', 'progress');
INSERT INTO public.task_event VALUES (4, 23, '{"sent_at_us":1796140401336107,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":23,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.336Z"}', '2026-12-01 15:53:21.37933', 'progress');
INSERT INTO public.task_event VALUES (4, 24, '{"sent_at_us":1796140401340939,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":24,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.340Z"}', '2026-12-01 15:53:21.379468', 'progress');
INSERT INTO public.task_event VALUES (4, 25, '{"sent_at_us":1796140401346174,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":25,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.346Z"}', '2026-12-01 15:53:21.379493', 'progress');
INSERT INTO public.task_event VALUES (4, 26, '{"sent_at_us":1796140401350403,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":26,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.350Z"}', '2026-12-01 15:53:21.379509', 'progress');
INSERT INTO public.task_event VALUES (4, 27, '{"sent_at_us":1796140401355624,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":27,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.355Z"}', '2026-12-01 15:53:21.379523', 'progress');
INSERT INTO public.task_event VALUES (4, 28, '{"sent_at_us":1796140401360825,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":28,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.360Z"}', '2026-12-01 15:53:21.379706', 'progress');
INSERT INTO public.task_event VALUES (4, 29, '{"sent_at_us":1796140401366043,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":29,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.366Z"}', '2026-12-01 15:53:21.37973', 'progress');
INSERT INTO public.task_event VALUES (4, 30, '{"sent_at_us":1796140401370248,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":30,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.370Z"}', '2026-12-01 15:53:21.379745', 'progress');
INSERT INTO public.task_event VALUES (4, 31, '{"sent_at_us":1796140401375464,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":31,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.375Z"}', '2026-12-01 15:53:21.380229', 'progress');
INSERT INTO public.task_event VALUES (4, 32, '{"sent_at_us":1796140401382566,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":32,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.382Z"}', '2026-12-01 15:53:21.383245', 'progress');
INSERT INTO public.task_event VALUES (4, 33, '{"sent_at_us":1796140401385863,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":33,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.385Z"}', '2026-12-01 15:53:21.435518', 'progress');
INSERT INTO public.task_event VALUES (4, 34, '{"sent_at_us":1796140401391120,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":34,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.391Z"}', '2026-12-01 15:53:21.435724', 'progress');
INSERT INTO public.task_event VALUES (4, 35, '{"sent_at_us":1796140401395842,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":35,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.395Z"}', '2026-12-01 15:53:21.435746', 'progress');
INSERT INTO public.task_event VALUES (4, 36, '{"sent_at_us":1796140401401117,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":36,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.401Z"}', '2026-12-01 15:53:21.435761', 'progress');
INSERT INTO public.task_event VALUES (4, 37, '{"sent_at_us":1796140401405336,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":37,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.405Z"}', '2026-12-01 15:53:21.435803', 'progress');
INSERT INTO public.task_event VALUES (4, 38, '{"sent_at_us":1796140401410559,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":38,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.410Z"}', '2026-12-01 15:53:21.435817', 'progress');
INSERT INTO public.task_event VALUES (4, 39, '{"sent_at_us":1796140401415764,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":39,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.415Z"}', '2026-12-01 15:53:21.435831', 'progress');
INSERT INTO public.task_event VALUES (4, 40, '{"sent_at_us":1796140401420964,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":40,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.420Z"}', '2026-12-01 15:53:21.435844', 'progress');
INSERT INTO public.task_event VALUES (4, 41, '{"sent_at_us":1796140401426117,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":41,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.426Z"}', '2026-12-01 15:53:21.435867', 'progress');
INSERT INTO public.task_event VALUES (4, 42, '{"sent_at_us":1796140401430558,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":42,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.430Z"}', '2026-12-01 15:53:21.435883', 'progress');
INSERT INTO public.task_event VALUES (4, 43, '{"sent_at_us":1796140401435979,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":43,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.435Z"}', '2026-12-01 15:53:21.438976', 'progress');
INSERT INTO public.task_event VALUES (4, 44, '{"sent_at_us":1796140401440193,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":44,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.440Z"}', '2026-12-01 15:53:21.49073', 'progress');
INSERT INTO public.task_event VALUES (4, 45, '{"sent_at_us":1796140401445700,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":45,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.445Z"}', '2026-12-01 15:53:21.490976', 'progress');
INSERT INTO public.task_event VALUES (4, 46, '{"sent_at_us":1796140401450908,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":46,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.450Z"}', '2026-12-01 15:53:21.491022', 'progress');
INSERT INTO public.task_event VALUES (4, 47, '{"sent_at_us":1796140401455358,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":47,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.455Z"}', '2026-12-01 15:53:21.491037', 'progress');
INSERT INTO public.task_event VALUES (4, 48, '{"sent_at_us":1796140401460573,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":48,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.460Z"}', '2026-12-01 15:53:21.491353', 'progress');
INSERT INTO public.task_event VALUES (4, 49, '{"sent_at_us":1796140401465755,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":49,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.465Z"}', '2026-12-01 15:53:21.491523', 'progress');
INSERT INTO public.task_event VALUES (4, 50, '{"sent_at_us":1796140401470943,"payload":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","seq":50,"count":100000,"_task_id":4,"_app":"tests","_model":"SpamTask","_timestamp":"2026-12-01T15:53:21.470Z"}', '2026-12-01 15:53:21.491547', 'progress');
