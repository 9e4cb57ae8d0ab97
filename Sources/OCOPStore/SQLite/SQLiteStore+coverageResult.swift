import Foundation
import GRDB
public import OCOPCore

extension SQLiteStore {
    public func saveCoverageResult(_ result: CoverageResult) async throws(StoreError) {
        let rules: Data
        do {
            rules = try JSONEncoder().encode(result.figures.rules)
        } catch {
            throw StoreError(error, path: path)
        }
        try await write { db in
            try db.execute(sql: "DELETE FROM coverage_result_rows; DELETE FROM coverage_result_gaps")
            let figures = result.figures
            try DirectStatement(
                db,
                sql: """
                    INSERT OR REPLACE INTO coverage_result (id, last_observation_id, last_import_id, program, rules,
                        computed_at, valid_until, \(Self.tallyColumns))
                    VALUES (1, ?, ?, ?, ?, ?, ?, \(Self.tallyMarks))
                    """
            ).execute { parameters in
                parameters.bind(result.version.lastObservation)
                parameters.bind(result.version.lastImport)
                parameters.bind(result.program)
                parameters.bind(rules)
                parameters.bind(Self.unixSeconds(figures.generatedAt, rounding: .up))
                parameters.bind(result.validUntil.map { Self.unixSeconds($0, rounding: .down) })
                Self.bind(figures.products, to: &parameters)
                Self.bind(figures.producers, to: &parameters)
            }
            // Row by row through the C API: a national catalog has some 25,000 producer rows.
            let row = try DirectStatement(
                db,
                sql: """
                    INSERT INTO coverage_result_rows (dimension, position, key, label, \(Self.tallyColumns))
                    VALUES (?, ?, ?, ?, \(Self.tallyMarks))
                    """
            )
            for (dimension, rows) in figures.breakdowns {
                for (position, breakdown) in rows.enumerated() {
                    try row.execute { parameters in
                        parameters.bind(dimension.rawValue)
                        parameters.bind(position)
                        parameters.bind(breakdown.key)
                        parameters.bind(breakdown.label)
                        Self.bind(breakdown.products, to: &parameters)
                        Self.bind(breakdown.producers, to: &parameters)
                    }
                }
            }
            let gap = try DirectStatement(
                db,
                sql: """
                    INSERT INTO coverage_result_gaps (position, product_id, name, producer_id, district, stars, state, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for (position, item) in figures.gaps.enumerated() {
                try gap.execute { parameters in
                    parameters.bind(position)
                    parameters.bind(item.productID)
                    parameters.bind(item.name)
                    parameters.bind(item.producerID)
                    parameters.bind(item.district)
                    parameters.bind(item.stars)
                    parameters.bind(item.state.rawValue)
                    parameters.bind(item.reason)
                }
            }
        }
        await releaseWriterMemory()
    }

    public func coverageResult(dimensions: Set<CoverageDimension>, includingGaps: Bool) async throws(StoreError)
        -> CoverageResult?
    {
        try await read { db in
            let version = try Self.coverageInputVersion(db)
            let header = try Row.fetchOne(
                db,
                sql: """
                    SELECT last_observation_id, last_import_id, program, rules, computed_at, valid_until, \(Self.tallyColumns)
                    FROM coverage_result WHERE id = 1
                    """
            )
            guard let header, CoverageInputVersion(lastObservation: header[0], lastImport: header[1]) == version,
                // Rules this version cannot read were not written by it: compute afresh.
                let rules = try? JSONDecoder().decode(CoverageRules.self, from: header[3] as Data)
            else { return nil }
            var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
            for dimension in dimensions {
                var rows: [CoverageBreakdownRow] = []
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT key, label, \(Self.tallyColumns) FROM coverage_result_rows
                        WHERE dimension = ? ORDER BY position
                        """,
                    arguments: [dimension.rawValue]
                )
                while let row = try cursor.next() {
                    let (products, producers) = Self.tallies(row, at: 2)
                    rows.append(CoverageBreakdownRow(key: row[0], label: row[1], products: products, producers: producers))
                }
                breakdowns[dimension] = rows
            }
            var gaps: [CoverageGap] = []
            if includingGaps {
                let cursor = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT product_id, name, producer_id, district, stars, state, reason
                        FROM coverage_result_gaps ORDER BY position
                        """
                )
                while let row = try cursor.next() {
                    gaps.append(
                        CoverageGap(
                            productID: row[0],
                            name: row[1],
                            producerID: row[2],
                            district: row[3],
                            stars: row[4],
                            // Written by this type from the same enum.
                            state: CoverageState(rawValue: row[5]) ?? .unverified,
                            reason: row[6]
                        )
                    )
                }
            }
            let (products, producers) = Self.tallies(header, at: 6)
            return CoverageResult(
                figures: CoverageFigures(
                    generatedAt: Date(timeIntervalSince1970: header[4]),
                    rules: rules,
                    products: products,
                    producers: producers,
                    breakdowns: breakdowns,
                    gaps: gaps
                ),
                version: version,
                program: header[2],
                validUntil: (header[5] as Double?).map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    /// The newest observation and the newest changing import (see ``CoverageInputVersion``):
    /// both are `AUTOINCREMENT` keys of tables that are only appended to, so they only grow.
    static func coverageInputVersion(_ db: Database) throws -> CoverageInputVersion {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT IFNULL(MAX(id), 0) FROM observations), (SELECT IFNULL(MAX(id), 0) FROM catalog_imports)
                """
        )
        return CoverageInputVersion(lastObservation: row?[0] ?? 0, lastImport: row?[1] ?? 0)
    }

    /// The columns of a product tally then a producer tally, each bound by ``bind(_:to:)``.
    private static let tallyColumns = ["products", "producers"]
        .flatMap { who in ["total", "covered", "uncovered", "unverified", "target"].map { "\(who)_\($0)" } }
        .joined(separator: ", ")

    private static let tallyMarks = Array(repeating: "?", count: 10).joined(separator: ", ")

    /// One tally's values in the order of ``tallyColumns``.
    private static func bind(_ tally: CoverageTally, to parameters: inout DirectStatement.Parameters) {
        parameters.bind(tally.total)
        parameters.bind(tally.covered)
        parameters.bind(tally.uncovered)
        parameters.bind(tally.unverified)
        parameters.bind(tally.target)
    }

    private static func tallies(_ row: Row, at start: Int) -> (CoverageTally, CoverageTally) {
        func tally(at index: Int) -> CoverageTally {
            CoverageTally(
                total: row[index],
                covered: row[index + 1],
                uncovered: row[index + 2],
                unverified: row[index + 3],
                target: row[index + 4]
            )
        }
        return (tally(at: start), tally(at: start + 5))
    }

    /// Which way ``unixSeconds(_:rounding:)`` may move a date that seconds since 1970 cannot
    /// hold exactly.
    enum TimeRounding {
        case up
        case down
    }

    /// `date` as stored (seconds since 1970), moved by at most a unit in the last place so that
    /// reading it back gives a date no earlier (`up`) or no later (`down`) than `date`.
    ///
    /// A `Date` counts from 2001, so the conversion can round either way; the bounds of a
    /// result's validity must only ever shrink, or a result could answer a moment after its
    /// figures changed.
    static func unixSeconds(_ date: Date, rounding: TimeRounding) -> Double {
        var seconds = date.timeIntervalSince1970
        switch rounding {
        case .up: while Date(timeIntervalSince1970: seconds) < date { seconds = seconds.nextUp }
        case .down: while Date(timeIntervalSince1970: seconds) > date { seconds = seconds.nextDown }
        }
        return seconds
    }
}
