import Foundation
import GRDB

/// The schema, as a list of migrations applied in order and never edited once released.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, traces, observations, blobs, scores") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: indexes for the stats screen") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3: mirror outbox") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4: session source and project, agent transcript cursors") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5: tool definitions") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6: which trace offered a session's label") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7: usage aggregates by day and model") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8: metadata shared by a process's spans, stored once") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9: no covering index of the summed columns") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10: a full-text index without token counts, in a new database") { db in
            // A contentless index cannot be rebuilt from itself, and rebuilding it from the blobs
            // would mean inflating and parsing every one of them on first open: only a database
            // that holds no content yet is given the smaller index.
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM blobs") == 0 else { return }
            try db.execute(sql: v10)
        }
        migrator.registerMigration("v11: span ids as bytes") { db in
            // The writer binds hex keys as bytes (StoredKey): keys written as text before would no
            // longer be found, and a span sent again would become a second row.
            let storedKey = DatabaseFunction("turnscope_stored_key", argumentCount: 1, pure: true) { values in
                guard let key = String.fromDatabaseValue(values[0]), let bytes = StoredKey.bytes(of: key) else {
                    return values[0]
                }
                return Data(bytes)
            }
            db.add(function: storedKey)
            defer { db.remove(function: storedKey) }
            try db.execute(sql: v11)
        }
        return migrator
    }

    private static let v11 = """
        UPDATE observations SET key = turnscope_stored_key(key), parent_key = turnscope_stored_key(parent_key)
        WHERE typeof(key) = 'text' AND (key NOT GLOB '*[^0-9a-f]*' OR parent_key NOT GLOB '*[^0-9a-f]*');
        """

    // FTS5 keeps each row's token count (`blob_text_docsize`, 12 bytes a span) for ranking by
    // relevance; search lists hits newest first and never ranks, so `columnsize=0` drops it.
    private static let v10 = """
        DROP TABLE blob_text;
        CREATE VIRTUAL TABLE blob_text USING fts5 (
            text, content = '', detail = none, columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');
        """

    // v2's covering index of the summed columns was the stats screen's scan until v7's usage
    // aggregate took that over. The filters the aggregate cannot answer (user, tag, source,
    // project) need the row itself for `trace_id` or `session_id`, so the index no longer saved a
    // read, while it cost 41 bytes and a twelve-column index update on every LLM call written.
    private static let v9 = """
        DROP INDEX observations_usage;
        """

    // The part of an observation's metadata that every span of a process repeats (its OTLP
    // resource attributes and instrumentation scope: about 500 bytes a span) as a reference to one
    // blob per distinct value, like `input`. Rows written before keep it inside `metadata`.
    private static let v8 = """
        ALTER TABLE observations ADD COLUMN shared_metadata BLOB;
        """

    // Where a session comes from (`claude-code`, `codex`, `langfuse`, `otlp`, `native`), the
    // project it worked in, and the cost its client reported for it. `agent_files` holds one cursor
    // per followed transcript (see FileCursor): written in the same transaction as the records read
    // up to it, so a restart resumes exactly where the committed records end. `observation_aliases`
    // names the row a model call seen by a second source merged into (see ObservationTwin).
    private static let v4 = """
        ALTER TABLE sessions ADD COLUMN source TEXT;
        ALTER TABLE sessions ADD COLUMN project TEXT;
        ALTER TABLE sessions ADD COLUMN reported_cost_usd REAL;
        CREATE TABLE agent_files (
            path TEXT PRIMARY KEY,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            size INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            head INTEGER NOT NULL,
            lines INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE observation_aliases (key TEXT PRIMARY KEY, observation_id INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX observation_aliases_by_row ON observation_aliases (observation_id);
        """

    // The tools a request offered the model. Agents send the same long list with every call, so
    // the column holds a reference to one blob (as `input` does), stored once per distinct list.
    private static let v5 = """
        ALTER TABLE observations ADD COLUMN tools BLOB;
        """

    // The trace whose prompt became the session's label (NULL for a label the client gave), so
    // that the label moves with the trace when a late parent span moves it to another session.
    private static let v6 = """
        ALTER TABLE sessions ADD COLUMN label_trace_id INTEGER;
        """

    // The stats screen's sums, kept per UTC day, model and failed-or-not by the writer in the same
    // transaction as the calls (see UsageLedger), so opening it reads a few hundred rows instead of
    // every call. Each token counter keeps how many calls reported it (`_reported`): one that no
    // call reported shows as unknown, not zero. `day` counts days since 1970-01-01, rounded down
    // before 1970 too (UsageCell.day, written out here since a migration never changes). A cell
    // is found with `IS` (a call may have no model), so the index is not UNIQUE: the writer keeps
    // one row per cell. Existing calls are summed into it once here.
    private static let v7 = """
        CREATE TABLE usage_by_day (
            day INTEGER,
            model TEXT,
            failed INTEGER NOT NULL,
            calls INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            input_reported INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            output_reported INTEGER NOT NULL,
            cache_read_tokens INTEGER NOT NULL,
            cache_read_reported INTEGER NOT NULL,
            cache_write_5m_tokens INTEGER NOT NULL,
            cache_write_5m_reported INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            cache_write_1h_reported INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            reasoning_reported INTEGER NOT NULL,
            cost_usd REAL NOT NULL,
            unpriced_calls INTEGER NOT NULL
        );
        CREATE INDEX usage_by_day_cell ON usage_by_day (day, model, failed);
        INSERT INTO usage_by_day (day, model, failed, calls, input_tokens, input_reported, output_tokens, output_reported,
            cache_read_tokens, cache_read_reported, cache_write_5m_tokens, cache_write_5m_reported, cache_write_1h_tokens,
            cache_write_1h_reported, reasoning_tokens, reasoning_reported, cost_usd, unpriced_calls)
        SELECT ((start_at / 1000000) - ((start_at / 1000000) % 86400 + 86400) % 86400) / 86400, model, level IS 'ERROR',
            count(*), coalesce(sum(input_tokens), 0), count(input_tokens), coalesce(sum(output_tokens), 0), count(output_tokens),
            coalesce(sum(cache_read_tokens), 0), count(cache_read_tokens), coalesce(sum(cache_write_5m_tokens), 0),
            count(cache_write_5m_tokens), coalesce(sum(cache_write_1h_tokens), 0), count(cache_write_1h_tokens),
            coalesce(sum(reasoning_tokens), 0), count(reasoning_tokens), coalesce(sum(cost_usd), 0),
            coalesce(sum(cost_usd IS NULL AND coalesce(input_tokens, output_tokens, cache_read_tokens,
                cache_write_5m_tokens, cache_write_1h_tokens, total_tokens) IS NOT NULL), 0)
        FROM observations WHERE kind = 'generation' GROUP BY 1, 2, 3;
        """

    // The Langfuse mirror's outbox. One entry per trace (standing for the trace and all its
    // observations) or per score, written in the same transaction as the records while the mirror
    // is on. `queued_seq` is the change sequence of the latest change, `sent_seq` that of the
    // version last delivered, so only rows changed since are resent. States: 0 pending, 1 sent,
    // 2 parked (refused by the server as invalid, with `reason`). `upstream_id` keeps the id the
    // record has upstream (Langfuse wants hex ids), for the browser's link to it. `mirror_state` holds what the
    // drainer last reported: destination host, protocol, last error and success. Never keys.
    private static let v3 = """
        CREATE TABLE mirror_outbox (
            kind INTEGER NOT NULL,
            row_id INTEGER NOT NULL,
            queued_seq INTEGER NOT NULL,
            sent_seq INTEGER,
            state INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            upstream_id TEXT,
            PRIMARY KEY (kind, row_id)
        ) WITHOUT ROWID;
        CREATE INDEX mirror_pending ON mirror_outbox (queued_seq) WHERE state = 0;
        CREATE TABLE mirror_state (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        """

    // The stats screen sums every LLM call: a covering index of the summed columns makes that a
    // scan of a narrow index rather than of the wide table (about 3x faster at 500,000 calls), and
    // the most expensive turns come straight off an index on cost.
    private static let v2 = """
        CREATE INDEX observations_usage ON observations (
            model, start_at, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
            cache_write_1h_tokens, reasoning_tokens, total_tokens, level, kind) WHERE kind = 'generation';
        CREATE INDEX observations_by_cost ON observations (cost_usd DESC, start_at, id) WHERE kind = 'generation';
        """

    // Timestamps are microseconds since the epoch. Payload columns hold encoded blob references
    // (see PayloadColumn). Session aggregates are kept current by the writer in the same
    // transaction as the rows they summarize.
    private static let v1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('change_seq', 0);

        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            auto_group TEXT,
            label TEXT,
            user_id TEXT,
            first_at INTEGER,
            last_at INTEGER,
            trace_count INTEGER NOT NULL DEFAULT 0,
            turn_count INTEGER NOT NULL DEFAULT 0,
            error_count INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            cache_read_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_tokens INTEGER NOT NULL DEFAULT 0,
            reasoning_tokens INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0,
            unpriced_turns INTEGER NOT NULL DEFAULT 0,
            models TEXT NOT NULL DEFAULT '',
            change_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sessions_by_activity ON sessions (last_at DESC, id DESC);
        CREATE INDEX sessions_auto ON sessions (auto_group, last_at) WHERE auto_group IS NOT NULL;

        CREATE TABLE traces (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            session_id INTEGER NOT NULL REFERENCES sessions (id),
            session_key TEXT,
            name TEXT,
            user_id TEXT,
            start_at INTEGER,
            start_estimated INTEGER NOT NULL DEFAULT 0,
            tags TEXT,
            metadata TEXT,
            input BLOB,
            output BLOB,
            release TEXT,
            version TEXT,
            environment TEXT,
            is_public INTEGER,
            event_at INTEGER,
            change_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX traces_by_session ON traces (session_id, start_at);

        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            trace_id INTEGER NOT NULL REFERENCES traces (id),
            session_id INTEGER NOT NULL REFERENCES sessions (id),
            parent_key TEXT,
            kind TEXT,
            name TEXT,
            start_at INTEGER,
            start_estimated INTEGER NOT NULL DEFAULT 0,
            end_at INTEGER,
            first_token_at INTEGER,
            model TEXT,
            model_parameters TEXT,
            input BLOB,
            output BLOB,
            metadata TEXT,
            input_tokens INTEGER,
            output_tokens INTEGER,
            cache_read_tokens INTEGER,
            cache_write_5m_tokens INTEGER,
            cache_write_1h_tokens INTEGER,
            reasoning_tokens INTEGER,
            total_tokens INTEGER,
            usage_other TEXT,
            cost_usd REAL,
            cost_source TEXT,
            cost_entry TEXT,
            cost_detail TEXT,
            level TEXT,
            status_message TEXT,
            version TEXT,
            environment TEXT,
            event_at INTEGER,
            tool_calls INTEGER NOT NULL DEFAULT 0,
            change_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX observations_turns ON observations (session_id, start_at, id) WHERE kind = 'generation';
        CREATE INDEX observations_by_trace ON observations (trace_id, start_at);
        CREATE INDEX observations_by_day ON observations (start_at) WHERE kind = 'generation';

        CREATE TABLE blobs (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL,
            kind INTEGER NOT NULL,
            body BLOB NOT NULL,
            first_observation_id INTEGER,
            first_trace_id INTEGER
        );
        CREATE UNIQUE INDEX blobs_by_hash ON blobs (hash);

        CREATE VIRTUAL TABLE blob_text USING fts5 (
            text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2');

        CREATE TABLE scores (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            value_number REAL,
            value_string TEXT,
            data_type TEXT,
            trace_key TEXT,
            observation_key TEXT,
            session_key TEXT,
            comment TEXT,
            metadata TEXT,
            timestamp INTEGER,
            source TEXT,
            environment TEXT,
            change_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX scores_by_trace ON scores (trace_key);
        """
}
