-- The fltcheck database: runs, findings, triage and the per-file caches that
-- make a re-scan cheap. analyzer/schema_sql.c holds this file as a C string
-- (tests/unit/test_store.c checks that the two are identical), and store.c
-- runs its sections, each opened by a line "-- @name":
--   @version-N  turns a version N-1 database into version N, and ends by
--               setting PRAGMA user_version = N. A new database runs
--               @version-1 .. @version-<latest> in turn; an older one runs
--               the versions after its own. Never edit a released section:
--               add @version-N+1 with ALTER TABLE / rebuild statements.
--   @v0-rename / @v0-copy  import the prototype layout ("version 0":
--               runs(id, started, tool_version, argv), findings(run_id,
--               rule, file, line, col, message, fingerprint), triage(
--               fingerprint, state, note), user_version 0): its tables are
--               renamed, @version-1 creates the real ones, the rows are
--               copied and the old tables dropped.
-- All of it runs inside one transaction: a migration is applied whole or
-- not at all. Times are UTC, ISO 8601 text ("2024-05-01T12:00:00Z").

-- @version-1
PRAGMA application_id = 1179407427; -- 0x464C5443, "FLTC"

-- One row per scan. A run is inserted and completed in one transaction, so
-- a scan that is interrupted leaves no row at all; complete = 1 on every
-- committed run.
CREATE TABLE runs (
	id INTEGER PRIMARY KEY,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	tool_version TEXT NOT NULL,
	rule_set TEXT NOT NULL,       -- the enabled rule ids, as the CLI spells them
	arguments TEXT NOT NULL,      -- the command line, as the CLI records it
	source_root TEXT NOT NULL,
	revision TEXT,                -- --revision label (a commit id), or NULL
	files_analyzed INTEGER NOT NULL DEFAULT 0,
	files_failed INTEGER NOT NULL DEFAULT 0,
	complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
) STRICT;
CREATE INDEX runs_by_revision ON runs (revision, id) WHERE revision IS NOT NULL;

-- Source files and headers as last seen: path relative to the source root.
-- size and mtime_ns let a scan skip hashing a file whose stat is unchanged.
CREATE TABLE files (
	path TEXT PRIMARY KEY,
	content_hash TEXT NOT NULL,
	size INTEGER,
	mtime_ns INTEGER
) STRICT;

-- The translation-unit cache: what parsing one source file with one set of
-- compile arguments produced. An entry is reusable while source_hash and
-- every header hash in tu_headers still match the files on disk.
CREATE TABLE tus (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL,
	args_hash TEXT NOT NULL,
	source_hash TEXT NOT NULL,
	parse_status INTEGER NOT NULL, -- the frontend's code; 0 = parsed
	diagnostics TEXT NOT NULL DEFAULT '',
	facts BLOB,                    -- the IR serializer's bytes, opaque here
	facts_version INTEGER NOT NULL,
	updated_run INTEGER REFERENCES runs (id) ON DELETE SET NULL,
	UNIQUE (path, args_hash)
) STRICT;

-- Every header a cached TU included, with the hash it had then: a changed
-- header invalidates exactly the TUs that list it.
CREATE TABLE tu_headers (
	tu_id INTEGER NOT NULL REFERENCES tus (id) ON DELETE CASCADE,
	header_path TEXT NOT NULL,
	header_hash TEXT NOT NULL,
	PRIMARY KEY (tu_id, header_path)
) STRICT, WITHOUT ROWID;
CREATE INDEX tu_headers_by_header ON tu_headers (header_path);

-- What each run reported. File paths here and in steps and related are
-- relative to the run's source_root when under it (since schema 2), absolute
-- otherwise. steps is a JSON array of {"file", "line", "col",
-- "msg"}; related is a JSON object of the same shape, or NULL.
-- fingerprint_version names the fingerprint scheme (0: imported from the
-- prototype layout), so that schemes are never compared with each other.
CREATE TABLE findings (
	id INTEGER PRIMARY KEY,
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	fingerprint TEXT NOT NULL,
	fingerprint_version INTEGER NOT NULL,
	rule TEXT NOT NULL,
	severity TEXT NOT NULL CHECK (severity IN ('note', 'warning', 'error')),
	file TEXT NOT NULL,
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	function TEXT NOT NULL DEFAULT '',
	message TEXT NOT NULL,
	steps TEXT NOT NULL DEFAULT '[]',
	related TEXT
) STRICT;
CREATE INDEX findings_by_run ON findings (run_id, rule);
CREATE INDEX findings_by_fingerprint ON findings (fingerprint);

-- Review decisions, keyed by fingerprint so that they outlive runs. A
-- finding without a row here is 'open'.
CREATE TABLE triage (
	fingerprint TEXT PRIMARY KEY,
	state TEXT NOT NULL
		CHECK (state IN ('open', 'confirmed', 'false-positive', 'intentional')),
	note TEXT,
	updated_at TEXT NOT NULL
) STRICT;

PRAGMA user_version = 1;

-- @version-2
-- What each run did with each file it was given: parsed, taken from the parse
-- cache, or failed (with the first error). Paths as in findings.
CREATE TABLE run_files (
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	path TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('parsed', 'cached', 'failed')),
	reason TEXT,
	PRIMARY KEY (run_id, path)
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 2;

-- @version-3
-- The whole program's result, before inline suppressions: when every unit of
-- a scan is unchanged (the key hashes the units' paths, argument, source and
-- header hashes, the rules, the root and the fltcheck build), a re-scan takes
-- its findings from here instead of running the rules again. findings is the
-- finding module's own JSON (findings_serialize). Only the newest few are kept.
CREATE TABLE program_results (
	key TEXT PRIMARY KEY,
	findings TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

PRAGMA user_version = 3;

-- @version-4
-- The per-root result cache: what the path analysis and the rules found for
-- one callback or work routine (its findings before suppressions, the facts it
-- handed to the routines it queued, whether it stopped early), keyed by a hash
-- of everything that analysis reads: the root's body and the bodies of the
-- functions it may call, its registration entries, the facts other roots gave
-- it, the rules and the build. result is the engine's own text form
-- (rootcache.c). gen is the newest scan that used the row (store_keep_roots);
-- rows that no recent scan used are deleted.
CREATE TABLE root_results (
	key TEXT PRIMARY KEY,
	result TEXT NOT NULL,
	gen INTEGER NOT NULL
) STRICT;
CREATE INDEX root_results_gen ON root_results (gen);

PRAGMA user_version = 4;

-- @version-5
-- Which root results the recent scans used: one row per scan that ran the
-- engine (store_keep_roots), keys being its keys, each ended by a NUL byte.
-- Marking a scan's results costs one row however many there are (an UPDATE of
-- root_results.gen rewrote every used result). root_results rows that none of
-- the newest few lists name are deleted once the table has grown well past the
-- newest list.
DROP INDEX root_results_gen;
ALTER TABLE root_results DROP COLUMN gen;
CREATE TABLE root_scans (
	id INTEGER PRIMARY KEY,
	keys BLOB NOT NULL
) STRICT;

-- The fltcheck build that wrote each cached unit, and when (Unix time in
-- milliseconds). store_put_tu deletes a path's entries of other builds (their
-- args_hash covers the build: no scan reads them again) and keeps only the
-- newest few argument variants of one build; before, every new build and
-- every set of compile arguments added a copy of the cache for good.
ALTER TABLE tus ADD COLUMN build TEXT NOT NULL DEFAULT '';
ALTER TABLE tus ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0;

PRAGMA user_version = 5;

-- @v0-rename
ALTER TABLE runs RENAME TO v0_runs;
ALTER TABLE findings RENAME TO v0_findings;
ALTER TABLE triage RENAME TO v0_triage;

-- @v0-copy
INSERT INTO runs (id, started_at, finished_at, tool_version, rule_set, arguments,
		  source_root, complete)
	SELECT CAST(id AS INTEGER), CAST(coalesce(started, '') AS TEXT),
	       CAST(coalesce(started, '') AS TEXT), CAST(coalesce(tool_version, '') AS TEXT),
	       '', CAST(coalesce(argv, '') AS TEXT), '', 1
	FROM v0_runs;
INSERT INTO findings (run_id, fingerprint, fingerprint_version, rule, severity, file,
		      line, col, message)
	SELECT CAST(run_id AS INTEGER), CAST(coalesce(fingerprint, '') AS TEXT), 0,
	       CAST(coalesce(rule, '') AS TEXT), 'warning', CAST(coalesce(file, '') AS TEXT),
	       CAST(coalesce(line, 0) AS INTEGER), CAST(coalesce(col, 0) AS INTEGER),
	       CAST(coalesce(message, '') AS TEXT)
	FROM v0_findings WHERE run_id IN (SELECT id FROM runs) ORDER BY rowid;
INSERT INTO triage (fingerprint, state, note, updated_at)
	SELECT CAST(fingerprint AS TEXT),
	       CASE WHEN state IN ('confirmed', 'false-positive', 'intentional')
		    THEN state ELSE 'open' END,
	       CAST(note AS TEXT), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
	FROM v0_triage WHERE fingerprint IS NOT NULL;
DROP TABLE v0_findings;
DROP TABLE v0_triage;
DROP TABLE v0_runs;
