-- The user database as the first released version (schema_version 1) created it:
-- frozen from 'sqlite3 cpim-sim.sqlite .schema' on a database made by that code. Never edit.
CREATE TABLE meta (
	name VARCHAR(40) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE attempts (
	id INTEGER NOT NULL, 
	started_at VARCHAR(32) NOT NULL, 
	finished_at VARCHAR(32), 
	status VARCHAR(16) NOT NULL, 
	candidate VARCHAR(120) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	mode VARCHAR(8) NOT NULL, 
	form_seed INTEGER NOT NULL, 
	time_allowed_s FLOAT NOT NULL, 
	time_used_s FLOAT NOT NULL, 
	extra_time_pct FLOAT NOT NULL, 
	onvue BOOLEAN NOT NULL, 
	focus_losses INTEGER NOT NULL, 
	phase VARCHAR(16) NOT NULL, 
	position INTEGER NOT NULL, 
	passing_theta FLOAT NOT NULL, 
	domains_json TEXT NOT NULL, 
	scaled_score INTEGER, 
	passed BOOLEAN, 
	raw_correct INTEGER, 
	raw_cut FLOAT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_attempts_status ON attempts (status);
CREATE TABLE attempt_items (
	attempt_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	item_id VARCHAR(16) NOT NULL, 
	domain VARCHAR(80) NOT NULL, 
	"key" VARCHAR(1) NOT NULL, 
	difficulty FLOAT NOT NULL, 
	pretest BOOLEAN NOT NULL, 
	response VARCHAR(1), 
	flagged BOOLEAN NOT NULL, 
	visited BOOLEAN NOT NULL, 
	seconds FLOAT NOT NULL, 
	struck VARCHAR(4) NOT NULL, 
	PRIMARY KEY (attempt_id, position), 
	FOREIGN KEY(attempt_id) REFERENCES attempts (id) ON DELETE CASCADE
);
CREATE INDEX ix_attempt_items_item_id ON attempt_items (item_id);
