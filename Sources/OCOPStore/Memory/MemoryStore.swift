public import Foundation
public import OCOPCore

/// An ``ObservationStore`` held in memory: for tests, demos and `check` runs that must not touch
/// the server's database.
///
/// It follows the same rules as ``SQLiteStore`` (the shared behaviour tests run against both),
/// and loses everything when the process ends.
public actor MemoryStore: ObservationStore {
    private var producers: [String: CatalogDiff.Stored<Producer>] = [:]
    private var products: [String: CatalogDiff.Stored<Product>] = [:]
    private var listings: [ListingKey: CatalogDiff.Stored<Listing>] = [:]
    private var importLog: [ImportRecord] = []

    private var passLog: [PassRecord] = []
    /// Passes that concluded something from a marketplace's answer (see `lastSuccessfulPass`).
    private var passesThatSaw: Set<PassID> = []
    /// Every observation per listing, in the order recorded.
    private var observations: [ListingKey: [Observation]] = [:]
    /// Indexes into `observations[key]`.
    private var latest: [ListingKey: (latest: Int, conclusive: Int?)] = [:]

    /// Observations recorded so far: the memory store's ``CoverageInputVersion/lastObservation``.
    private var recordedCount: Int64 = 0

    private var state: [String: [String: Data]] = [:]
    private var snapshots: [CoverageSnapshot] = []
    private var lastCoverageResult: CoverageResult?

    public init() {}

    // MARK: Catalog

    public func importCatalog(_ catalog: Catalog, source: String, at date: Date) throws(StoreError) -> ImportSummary {
        let diff = try CatalogDiff(
            storedProducers: producers,
            storedProducts: products,
            storedListings: listings,
            incoming: catalog,
            path: nil
        )
        for producer in diff.producers { producers[producer.id] = .init(value: producer, isRemoved: false) }
        for product in diff.products { products[product.id] = .init(value: product, isRemoved: false) }
        for listing in diff.listings { listings[listing.key] = .init(value: listing, isRemoved: false) }
        for id in diff.removedProducers { producers[id]?.isRemoved = true }
        for id in diff.removedProducts { products[id]?.isRemoved = true }
        for key in diff.removedListings { listings[key]?.isRemoved = true }
        if diff.summary.hasChanges {
            importLog.append(ImportRecord(source: source, importedAt: date, summary: diff.summary))
        }
        return diff.summary
    }

    public func catalog() -> Catalog {
        Catalog(
            producers: producers.values.filter { !$0.isRemoved }.map(\.value).sorted { $0.id < $1.id },
            products: products.values.filter { !$0.isRemoved }.map(\.value).sorted { $0.id < $1.id },
            listings: listings.values.filter(isCurrent).map(\.value).sorted { $0.key < $1.key }
        )
    }

    public func listings(after key: ListingKey?, limit: Int) -> [Listing] {
        let current = listings.values.filter { entry in isCurrent(entry) && key.map { entry.value.key > $0 } ?? true }
        return Array(current.map(\.value).sorted { $0.key < $1.key }.prefix(limit))
    }

    public func listingCounts() -> [MarketplaceID: Int] {
        listings.values.filter(isCurrent).reduce(into: [:]) { counts, listing in counts[listing.value.marketplace, default: 0] += 1 }
    }

    /// Not removed, and of a product that is not either (see ``SQLiteStore/currentListing``).
    private func isCurrent(_ entry: CatalogDiff.Stored<Listing>) -> Bool {
        !entry.isRemoved && products[entry.value.productID].map { !$0.isRemoved } ?? false
    }

    public func imports(limit: Int) -> [ImportRecord] {
        Array(importLog.reversed().prefix(limit))
    }

    // MARK: Passes and observations

    public func beginPass(startedAt: Date, kind: String) -> PassID {
        let id = PassID(rawValue: Int64(passLog.count + 1))
        passLog.append(PassRecord(id: id, kind: kind, startedAt: startedAt))
        return id
    }

    public func checkTotals() -> [MarketplaceID: [ListingStatus: Int]] {
        var totals: [MarketplaceID: [ListingStatus: Int]] = [:]
        for observation in observations.values.joined() {
            totals[observation.marketplace, default: [:]][observation.status, default: 0] += 1
        }
        return totals
    }

    public func record(_ observations: [Observation], pass: PassID) throws(StoreError) {
        let index = try openPassIndex(pass)
        for observation in observations {
            let key = observation.listing
            if observation.status.isConclusive, observation.verdict.reason != Verdict.marketplaceClosedReason {
                passesThatSaw.insert(pass)
            }
            self.observations[key, default: []].append(observation)
            let position = self.observations[key]!.count - 1
            let stored = self.observations[key]!
            var entry = latest[key] ?? (latest: position, conclusive: nil)
            if observation.checkedAt >= stored[entry.latest].checkedAt {
                entry.latest = position
            }
            if observation.status.isConclusive,
                entry.conclusive.map({ observation.checkedAt >= stored[$0].checkedAt }) ?? true
            {
                entry.conclusive = position
            }
            latest[key] = entry
        }
        recordedCount += Int64(observations.count)
        passLog[index].observationCount += observations.count
    }

    public func finishPass(
        _ id: PassID,
        endedAt: Date,
        counts: [ListingStatus: Int],
        error: String?
    ) throws(StoreError) {
        let index = try openPassIndex(id)
        passLog[index].endedAt = endedAt
        passLog[index].counts = counts
        passLog[index].error = error
    }

    public func passes(limit: Int) -> [PassRecord] {
        Array(passLog.reversed().prefix(limit))
    }

    public func lastCompletedPass() -> PassRecord? {
        passLog.last(where: \.isCompleted)
    }

    public func lastSuccessfulPass() -> PassRecord? {
        passLog.last { pass in pass.isCompleted && passesThatSaw.contains(pass.id) }
    }

    public func coverage(rules: CoverageRules, now: Date) -> CountedCoverage {
        let catalog = catalog()
        var counter = CoverageCounter(
            rules: rules, products: catalog.products, now: now, counting: evidence().map(ListingFacts.init))
        let validUntil = counter.validUntil
        return CountedCoverage(
            report: counter.report(producers: catalog.producers),
            producers: catalog.producers,
            products: catalog.products,
            version: version,
            validUntil: validUntil
        )
    }

    /// The state of the data coverage reads (see ``CoverageInputVersion``).
    private var version: CoverageInputVersion {
        CoverageInputVersion(lastObservation: recordedCount, lastImport: Int64(importLog.count))
    }

    public func evidence(ofProducts products: Set<String>) -> [ListingEvidence] {
        evidence().filter { products.contains($0.listing.productID) }
    }

    public func concludedListings(ofProducts products: Set<String>, orConcluded statuses: Set<ListingStatus>)
        -> [ConcludedListing]
    {
        evidence().filter { item in
            products.contains(item.listing.productID) || item.latestConclusive.map { statuses.contains($0.status) } == true
        }
        .compactMap(ConcludedListing.init)
    }

    public func evidence() -> [ListingEvidence] {
        listings.values.filter { !$0.isRemoved }.map(\.value).sorted { $0.key < $1.key }.map { listing in
            guard let entry = latest[listing.key], let stored = observations[listing.key] else {
                return ListingEvidence(listing: listing)
            }
            return ListingEvidence(
                listing: listing,
                latest: stored[entry.latest],
                latestConclusive: entry.conclusive.map { stored[$0] }
            )
        }
    }

    public func history(for listing: ListingKey, limit: Int) -> [Observation] {
        let stored = observations[listing] ?? []
        return stored.indices.suffix(max(limit, 0))
            .sorted { (stored[$0].checkedAt, $0) > (stored[$1].checkedAt, $1) }
            .map { stored[$0] }
    }

    // MARK: State of other subsystems

    public func loadState(namespace: String, key: String) -> Data? {
        state[namespace]?[key]
    }

    public func saveState(namespace: String, key: String, data: Data) {
        state[namespace, default: [:]][key] = data
    }

    public func loadStates(namespace: String) -> [String: Data] {
        state[namespace] ?? [:]
    }

    public func loadStates<Value: Sendable>(
        namespace: String,
        reading read: @escaping @Sendable (Data) throws -> Value
    ) throws(StoreError) -> [Value] {
        do {
            return try (state[namespace] ?? [:]).values.map(read)
        } catch {
            throw .stateUnreadable(error, namespace: namespace, path: nil)
        }
    }

    public func updateStates(namespace: String, saving: some KeyedRecords, removing: [String]) throws(StoreError) {
        var values = state[namespace] ?? [:]
        for key in removing {
            values[key] = nil
        }
        do {
            try saving.forEachRecord { key, record in values[key] = record }
        } catch {
            throw .recordNotMade(error, path: nil)
        }
        state[namespace] = values
    }

    public func saveCoverageSnapshot(passID: PassID?, at date: Date, json: Data) throws(StoreError) {
        if let passID, !passLog.indices.contains(Int(passID.rawValue) - 1) {
            throw .unknownPass(passID, path: nil)
        }
        snapshots.append(CoverageSnapshot(id: Int64(snapshots.count + 1), passID: passID, takenAt: date, json: json))
    }

    public func coverageSnapshots(limit: Int) -> [CoverageSnapshot] {
        Array(snapshots.reversed().prefix(limit))
    }

    public func coverageSnapshotDates(limit: Int) -> [(id: Int64, takenAt: Date)] {
        snapshots.reversed().prefix(limit).map { ($0.id, $0.takenAt) }
    }

    public func coverageSnapshot(id: Int64) -> CoverageSnapshot? {
        snapshots.first { $0.id == id }
    }

    // MARK: The last coverage result

    public func saveCoverageResult(_ result: CoverageResult) {
        lastCoverageResult = result
    }

    public func coverageResult(dimensions: Set<CoverageDimension>, includingGaps: Bool) -> CoverageResult? {
        guard var result = lastCoverageResult, result.version == version else { return nil }
        result.figures.breakdowns = result.figures.breakdowns.filter { dimensions.contains($0.key) }
        for dimension in dimensions where result.figures.breakdowns[dimension] == nil {
            result.figures.breakdowns[dimension] = []
        }
        if !includingGaps { result.figures.gaps = [] }
        return result
    }

    /// The position of an unfinished pass in `passLog`.
    private func openPassIndex(_ id: PassID) throws(StoreError) -> Int {
        let index = Int(id.rawValue) - 1
        guard passLog.indices.contains(index) else { throw .unknownPass(id, path: nil) }
        guard !passLog[index].isFinished else { throw .passFinished(id, path: nil) }
        return index
    }
}
