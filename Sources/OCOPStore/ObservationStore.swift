public import Foundation
public import OCOPCore

/// Where OCOP Watch keeps the catalog, every observation, the passes and the small state other
/// subsystems need across restarts.
///
/// The rest of the program talks to this protocol only, so the embedded ``SQLiteStore`` can be
/// joined by a server database later; ``MemoryStore`` behaves identically for tests and demos.
/// Observations are append-only history; the store also maintains, per listing, the latest
/// observation and the latest *conclusive* one (`active`, `out_of_stock` or `delisted`), because
/// a blocked or unreachable check says nothing about the listing and must not hide what was last
/// known.
public protocol ObservationStore: Sendable {
    // MARK: Catalog

    /// Makes `catalog` the current catalog, in one transaction.
    ///
    /// Producers, products and listings are upserted; those missing from `catalog` are kept but
    /// flagged as removed (so their history survives), and come back when re-added. Importing the
    /// same catalog again changes nothing and returns a summary without changes.
    ///
    /// - Parameters:
    ///   - catalog: The whole catalog: anything not in it counts as removed.
    ///   - source: Where it came from (file paths), for ``imports(limit:)``.
    ///   - date: When the import happened.
    /// - Returns: Counts of added, updated, removed and unchanged records per kind.
    func importCatalog(_ catalog: Catalog, source: String, at date: Date) async throws(StoreError) -> ImportSummary

    /// The current catalog (removed records left out), sorted by id.
    func catalog() async throws(StoreError) -> Catalog

    /// Up to `limit` current listings after `key` (from the first when `nil`), in key order.
    ///
    /// A pass reads its listings a page at a time: at 100,000 listings, holding them all (with
    /// the producers and products it does not need) would be most of its memory.
    func listings(after key: ListingKey?, limit: Int) async throws(StoreError) -> [Listing]

    /// How many current listings each marketplace has: a pass's total, known before it starts.
    func listingCounts() async throws(StoreError) -> [MarketplaceID: Int]

    /// Imports that changed the catalog, newest first.
    func imports(limit: Int) async throws(StoreError) -> [ImportRecord]

    // MARK: Passes and observations

    /// Opens a pass; until ``finishPass(_:endedAt:counts:error:)`` it is unfinished, also after a crash.
    ///
    /// - Parameters:
    ///   - startedAt: When the pass started.
    ///   - kind: What started it (`scheduled`, `once`, `check` …).
    func beginPass(startedAt: Date, kind: String) async throws(StoreError) -> PassID

    /// Appends observations made during an unfinished pass, in one transaction per call, and
    /// updates the latest and latest conclusive observation of each listing.
    ///
    /// An observation older than the latest one already stored is kept in the history but does
    /// not replace it.
    func record(_ observations: [Observation], pass: PassID) async throws(StoreError)

    /// Marks a pass as finished.
    ///
    /// - Parameters:
    ///   - id: The pass.
    ///   - endedAt: When it ended.
    ///   - counts: Checks per status, as the pass tallied them.
    ///   - error: Why the pass failed as a whole, or `nil` when it completed.
    func finishPass(
        _ id: PassID,
        endedAt: Date,
        counts: [ListingStatus: Int],
        error: String?
    ) async throws(StoreError)

    /// Every observation the store holds, counted by marketplace and status: the values of
    /// `ocop_checks_total`. Kept in the transaction that records the observations, so that no
    /// crash between the two can make the counter lag what the store holds.
    func checkTotals() async throws(StoreError) -> [MarketplaceID: [ListingStatus: Int]]

    /// The most recent passes, newest first, finished or not.
    func passes(limit: Int) async throws(StoreError) -> [PassRecord]

    /// The most recent pass that finished without error, if any.
    func lastCompletedPass() async throws(StoreError) -> PassRecord?

    /// The most recent pass that finished without error and concluded something: at least one
    /// check found a listing active, out of stock or delisted. A pass whose every check was
    /// unreachable or blocked completes, but learns nothing; counting it as a success would keep
    /// `no_successful_pass` quiet through a whole outage. A closed marketplace's `delisted`
    /// (``Verdict/marketplaceClosedReason``) is reached by the calendar whatever the network did,
    /// so it does not count either.
    func lastSuccessfulPass() async throws(StoreError) -> PassRecord?

    /// What is known about every current listing, sorted by listing key: the input of coverage.
    func evidence() async throws(StoreError) -> [ListingEvidence]

    /// Coverage of what the store holds, counted under `rules` at `now` in one read: each current
    /// listing's facts are counted as they are read (``CoverageCounter``), without the
    /// observations ``evidence()`` materialises and without holding every listing.
    func coverage(rules: CoverageRules, now: Date) async throws(StoreError) -> CountedCoverage

    /// What the report and explanations show, sorted by listing key: the listings of `products`
    /// (those not covered, or the one product an explanation is about) with their latest and
    /// latest conclusive observations. The store selects them itself: a large catalog must not
    /// materialise every listing's observations to find a few.
    func evidence(ofProducts products: Set<String>) async throws(StoreError) -> [ListingEvidence]

    /// What alerts read, sorted by listing key: the latest conclusive check of each listing of
    /// `products` (those not covered) and of each listing whose latest conclusive check found one
    /// of `statuses`. Listings never checked conclusively are left out. Only the status and
    /// reason of that check are read, not the two whole observations of ``evidence(ofProducts:)``.
    func concludedListings(ofProducts products: Set<String>, orConcluded statuses: Set<ListingStatus>)
        async throws(StoreError) -> [ConcludedListing]

    /// The `limit` observations of a listing recorded last, newest first.
    ///
    /// The last recorded, not the newest by `checkedAt`: they differ only for checks recorded
    /// out of their time order (a clock set back), and a store can then answer from the few
    /// records at the end of the listing's history instead of an index over all of it.
    func history(for listing: ListingKey, limit: Int) async throws(StoreError) -> [Observation]

    // MARK: State of other subsystems

    /// A value saved by ``saveState(namespace:key:data:)``, or `nil`.
    func loadState(namespace: String, key: String) async throws(StoreError) -> Data?

    /// Saves (or replaces) a small opaque value: scheduler position, circuit breakers.
    func saveState(namespace: String, key: String, data: Data) async throws(StoreError)

    /// Every value saved in `namespace`, by key: state kept as many small records (one per alert)
    /// so that a change rewrites only what changed.
    func loadStates(namespace: String) async throws(StoreError) -> [String: Data]

    /// Every value saved in `namespace`, each made by `read` as the store reads it, in no
    /// particular order: only what `read` makes is held, not the records (at 100,000 listings,
    /// the daemon's schedule records were 52 MB). A value `read` cannot make fails the whole read.
    func loadStates<Value: Sendable>(
        namespace: String,
        reading read: @escaping @Sendable (Data) throws -> Value
    ) async throws(StoreError) -> [Value]

    /// Saves `saving` and removes `removing` in `namespace`, in one transaction. Keys in both are
    /// saved. Each record is made as it is written (``KeyedRecords``).
    func updateStates(namespace: String, saving: some KeyedRecords, removing: [String]) async throws(StoreError)

    /// Keeps a coverage report for the history of the figure.
    func saveCoverageSnapshot(passID: PassID?, at date: Date, json: Data) async throws(StoreError)

    /// Stored coverage reports, newest first.
    func coverageSnapshots(limit: Int) async throws(StoreError) -> [CoverageSnapshot]

    /// When each stored coverage report was taken, newest first, without the reports: finding
    /// one snapshot in a long history must not load every report of it.
    func coverageSnapshotDates(limit: Int) async throws(StoreError) -> [(id: Int64, takenAt: Date)]

    /// The stored coverage report with this id, or `nil`.
    func coverageSnapshot(id: Int64) async throws(StoreError) -> CoverageSnapshot?

    // MARK: The last coverage result

    /// Replaces the stored coverage result: publishing saves the figures it computed, so that
    /// `coverage` can print them while they hold (see ``CoverageResult``).
    func saveCoverageResult(_ result: CoverageResult) async throws(StoreError)

    /// The stored coverage result, if one is stored and the store's data is still the
    /// ``CoverageResult/version`` it was computed from (both read in one transaction); else `nil`.
    ///
    /// Only the parts asked for are read: the default table prints two small breakdowns, and
    /// reading the producer breakdown (a row per producer) for it would be waste.
    ///
    /// - Parameters:
    ///   - dimensions: The breakdowns to read; the others are left out of the figures.
    ///   - includingGaps: Whether to read the gaps; otherwise the figures list none.
    func coverageResult(dimensions: Set<CoverageDimension>, includingGaps: Bool) async throws(StoreError) -> CoverageResult?
}
