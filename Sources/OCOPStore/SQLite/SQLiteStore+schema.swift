import GRDB

extension SQLiteStore {
    /// The schema, one registered migration per released change; never edit a released one
    /// (its SQL is spelled out in full for that reason).
    ///
    /// Times are `REAL` seconds since 1970 (`datetime(checked_at, 'unixepoch')` reads them), civil
    /// dates `TEXT` as printed on decisions. Observations cannot be updated or deleted (triggers),
    /// so the history is append-only by construction.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE producers (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        type TEXT NOT NULL,
                        province_code TEXT,
                        province_name TEXT,
                        district_code TEXT,
                        district_name TEXT,
                        commune_code TEXT,
                        commune_name TEXT,
                        current_commune_code TEXT,
                        phone TEXT,
                        email TEXT,
                        is_synthetic INTEGER NOT NULL,
                        added_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        removed_at REAL
                    );
                    CREATE TABLE products (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        producer_id TEXT NOT NULL REFERENCES producers(id),
                        stars INTEGER NOT NULL,
                        ocop_group TEXT NOT NULL,
                        ocop_subgroup TEXT,
                        key_industry TEXT,
                        province_code TEXT,
                        province_name TEXT,
                        district_code TEXT,
                        district_name TEXT,
                        commune_code TEXT,
                        commune_name TEXT,
                        current_commune_code TEXT,
                        decision_number TEXT,
                        decision_date TEXT,
                        valid_until TEXT,
                        status TEXT NOT NULL,
                        ecommerce_required INTEGER NOT NULL,
                        is_synthetic INTEGER NOT NULL,
                        added_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        removed_at REAL
                    );
                    CREATE INDEX products_by_producer ON products(producer_id);
                    CREATE TABLE listings (
                        product_id TEXT NOT NULL REFERENCES products(id),
                        url TEXT NOT NULL,
                        marketplace TEXT NOT NULL,
                        seller_relation TEXT NOT NULL,
                        added_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        removed_at REAL,
                        PRIMARY KEY (product_id, url)
                    ) WITHOUT ROWID;
                    CREATE TABLE catalog_imports (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        imported_at REAL NOT NULL,
                        summary TEXT NOT NULL
                    );
                    CREATE TABLE passes (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        ended_at REAL,
                        counts TEXT,
                        error TEXT,
                        observation_count INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE observations (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        pass_id INTEGER NOT NULL REFERENCES passes(id),
                        product_id TEXT NOT NULL,
                        url TEXT NOT NULL,
                        checked_at REAL NOT NULL,
                        marketplace TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reason TEXT,
                        title TEXT,
                        price_vnd INTEGER,
                        original_price_vnd INTEGER,
                        seller TEXT,
                        stock INTEGER,
                        sold INTEGER,
                        item_id TEXT,
                        evidence TEXT,
                        http_status INTEGER,
                        final_url TEXT,
                        elapsed_ms INTEGER,
                        error TEXT
                    );
                    CREATE INDEX observations_by_listing ON observations(product_id, url, checked_at);
                    CREATE INDEX observations_by_pass ON observations(pass_id);
                    CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations
                        BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;
                    CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations
                        BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;
                    CREATE TABLE listing_latest (
                        product_id TEXT NOT NULL,
                        url TEXT NOT NULL,
                        latest_id INTEGER NOT NULL REFERENCES observations(id),
                        latest_at REAL NOT NULL,
                        conclusive_id INTEGER REFERENCES observations(id),
                        conclusive_at REAL,
                        PRIMARY KEY (product_id, url)
                    ) WITHOUT ROWID;
                    CREATE TABLE subsystem_state (
                        namespace TEXT NOT NULL,
                        key TEXT NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (namespace, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE coverage_snapshots (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        pass_id INTEGER REFERENCES passes(id),
                        taken_at REAL NOT NULL,
                        json BLOB NOT NULL
                    );
                    """
            )
        }
        // The figures of the last publication (see `SQLiteStore+coverageResult.swift`): one
        // header row saying what they were computed from, the breakdown rows by dimension, and
        // the gaps. Rows, not a document, so that a table reads only the dimensions it prints.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE coverage_result (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        last_observation_id INTEGER NOT NULL,
                        last_import_id INTEGER NOT NULL,
                        program TEXT NOT NULL,
                        rules BLOB NOT NULL,
                        computed_at REAL NOT NULL,
                        valid_until REAL,
                        products_total INTEGER NOT NULL,
                        products_covered INTEGER NOT NULL,
                        products_uncovered INTEGER NOT NULL,
                        products_unverified INTEGER NOT NULL,
                        products_target REAL NOT NULL,
                        producers_total INTEGER NOT NULL,
                        producers_covered INTEGER NOT NULL,
                        producers_uncovered INTEGER NOT NULL,
                        producers_unverified INTEGER NOT NULL,
                        producers_target REAL NOT NULL
                    );
                    CREATE TABLE coverage_result_rows (
                        dimension TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        label TEXT NOT NULL,
                        products_total INTEGER NOT NULL,
                        products_covered INTEGER NOT NULL,
                        products_uncovered INTEGER NOT NULL,
                        products_unverified INTEGER NOT NULL,
                        products_target REAL NOT NULL,
                        producers_total INTEGER NOT NULL,
                        producers_covered INTEGER NOT NULL,
                        producers_uncovered INTEGER NOT NULL,
                        producers_unverified INTEGER NOT NULL,
                        producers_target REAL NOT NULL,
                        PRIMARY KEY (dimension, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE coverage_result_gaps (
                        position INTEGER PRIMARY KEY,
                        product_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        producer_id TEXT NOT NULL,
                        district TEXT NOT NULL,
                        stars INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        reason TEXT
                    );
                    """
            )
        }
        // Each observation names the one recorded before it for the same listing, and
        // `listing_latest` the last one recorded: a listing's history is a chain walked from
        // there, and the index on (product_id, url, checked_at) that served it goes. That index
        // took one random insert per observation, so a pass got dearer as the history grew
        // (docs/0012, eighth round); observations are now appended in id order only.
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    ALTER TABLE observations ADD COLUMN previous_id INTEGER REFERENCES observations(id);
                    ALTER TABLE listing_latest ADD COLUMN recorded_id INTEGER REFERENCES observations(id);
                    DROP TRIGGER observations_no_update;
                    UPDATE observations SET previous_id = chained.previous_id
                    FROM (
                        SELECT id, LAG(id) OVER (PARTITION BY product_id, url ORDER BY id) AS previous_id
                        FROM observations
                    ) AS chained
                    WHERE observations.id = chained.id AND chained.previous_id IS NOT NULL;
                    CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations
                        BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;
                    UPDATE listing_latest SET recorded_id = (
                        SELECT MAX(o.id) FROM observations o
                        WHERE o.product_id = listing_latest.product_id AND o.url = listing_latest.url
                    );
                    DROP INDEX observations_by_listing;
                    """
            )
        }
        // The totals behind `ocop_checks_total`, kept with the observations in one transaction
        // (docs/0011); the process-kept totals of earlier versions lagged after a crash.
        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE check_totals (
                        marketplace TEXT NOT NULL,
                        status TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (marketplace, status)
                    ) WITHOUT ROWID;
                    INSERT INTO check_totals (marketplace, status, count)
                        SELECT marketplace, status, COUNT(*) FROM observations GROUP BY marketplace, status;
                    DELETE FROM subsystem_state WHERE namespace = 'metrics' AND key = 'checks_total';
                    """
            )
        }
        return migrator
    }()

    /// The columns of a `Region`, in the order ``regionValues(_:)`` gives them.
    static let regionColumns = [
        "province_code", "province_name", "district_code", "district_name", "commune_code", "commune_name",
        "current_commune_code",
    ]

    /// The columns of an `Observation` after its listing key, in the order
    /// ``insertObservationSQL`` writes them and ``observation(_:at:listing:)`` reads them.
    static let observationColumns = [
        "checked_at", "marketplace", "status", "reason", "title", "price_vnd", "original_price_vnd", "seller", "stock",
        "sold", "item_id", "evidence", "http_status", "final_url", "elapsed_ms", "error",
    ]
}
