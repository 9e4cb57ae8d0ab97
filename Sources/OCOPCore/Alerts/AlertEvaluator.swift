public import Foundation

/// Turns one moment's facts into the set of conditions that are true now.
///
/// Pure: the coverage report, the pass's check counts, the listings' conclusive checks and the
/// clock are arguments, so every kind of alert is tested from crafted inputs. It has no memory;
/// de-duplication, debouncing, reminders, grouping and suppression belong to ``AlertLifecycle``.
public struct AlertEvaluator: Sendable {
    public var rules: AlertRules

    public init(rules: AlertRules = AlertRules()) {
        self.rules = rules
    }

    /// The conditions that hold at `now`, sorted by key.
    ///
    /// - Parameters:
    ///   - coverage: The coverage at `now`, from the same store as `concluded`.
    ///   - previous: The coverage of the previous pass, quoted in messages when present.
    ///   - passChecks: How many checks of each marketplace ended in each status during the pass
    ///     just finished; judges `adapter_degraded`.
    ///   - concluded: The latest conclusive check of the listings that can raise a condition:
    ///     every listing of a product not covered (whether it was ever observed) and every listing
    ///     whose check found one of ``listingStatuses``. Others may be left out; listings never
    ///     checked conclusively are left out.
    ///   - lastSuccessfulPass: When the last pass that concluded something (one listing found
    ///     active, out of stock or delisted) ended; `nil` when none ever has.
    ///   - paused: Marketplaces the daemon sends no checks to because they block it (an open
    ///     circuit breaker): degraded for as long as that lasts, since no check can say otherwise.
    ///   - now: The evaluation time.
    public func conditions(
        coverage: CoverageReport,
        previous: CoverageReport? = nil,
        passChecks: [MarketplaceID: [ListingStatus: Int]],
        concluded: [ConcludedListing],
        lastSuccessfulPass: Date?,
        paused: Set<MarketplaceID> = [],
        now: Date
    ) -> [AlertCondition] {
        var conditions = coverageConditions(coverage, previous: previous)
        conditions += productConditions(coverage, previous: previous, concluded: concluded, now: now)
        conditions += listingConditions(coverage, concluded: concluded, now: now)
        conditions += adapterConditions(passChecks, paused: paused)
        conditions += passConditions(lastSuccessfulPass: lastSuccessfulPass, now: now)
        return conditions.sorted { $0.key < $1.key }
    }

    func coverageConditions(_ coverage: CoverageReport, previous: CoverageReport?) -> [AlertCondition] {
        var conditions: [AlertCondition] = []
        func check(_ tally: CoverageTally, previous: CoverageTally?, subject: CoverageSubject, key: String, region: String?) {
            guard tally.total > 0, !tally.meetsTarget else { return }
            conditions.append(
                AlertCondition(
                    key: "\(AlertKind.coverageBelowTarget.rawValue):\(key)",
                    kind: .coverageBelowTarget,
                    severity: rules.severity(of: .coverageBelowTarget),
                    message: AlertMessages.coverageBelowTarget(subject, tally: tally, previous: previous),
                    region: region
                )
            )
        }
        check(coverage.products, previous: previous?.products, subject: .products, key: "products", region: nil)
        check(coverage.producers, previous: previous?.producers, subject: .producers, key: "producers", region: nil)
        guard rules.districtCoverage else { return conditions }
        let before = Dictionary(
            (previous?.breakdowns[.region] ?? []).map { ($0.key, $0.products) },
            uniquingKeysWith: { first, _ in first }
        )
        for row in coverage.breakdowns[.region] ?? [] {
            check(
                row.products,
                previous: before[row.key],
                subject: .district(row.label),
                key: "district:\(row.key)",
                region: row.label
            )
        }
        return conditions
    }

    func productConditions(
        _ coverage: CoverageReport,
        previous: CoverageReport?,
        concluded: [ConcludedListing],
        now: Date
    ) -> [AlertCondition] {
        // The newest conclusive check of each product's counted listings: the evidence of a lost
        // coverage. A listing that does not count (a closed channel, a reseller out of scope)
        // was never what covered the product, so it cannot be what lost it.
        var newestCheck: [String: Date?] = [:]
        var lastSeenOnline: Set<String> = []
        for item in concluded where coverage.rules.counts(item.listing, at: now) {
            let known = newestCheck[item.listing.productID] ?? nil
            newestCheck[item.listing.productID] = [known, item.checkedAt].compactMap { $0 }.max()
            if coverage.rules.onlineStatuses.contains(item.status) { lastSeenOnline.insert(item.listing.productID) }
        }
        let coveredBefore = Set(previous?.productCoverage.filter { $0.state == .covered }.map(\.product.id) ?? [])
        var conditions: [AlertCondition] = []
        for item in coverage.productCoverage {
            let product = item.product
            // Unverified because the checks since could not look: the last thing known is still
            // the loss, so the alert stands (as the listings' own alerts do) rather than resolve.
            let lost =
                item.state == .uncovered || (item.state == .unverified && !lastSeenOnline.contains(product.id))
            if lost, let evidenceTime = newestCheck[product.id] {
                conditions.append(
                    AlertCondition(
                        key: "\(AlertKind.productLostCoverage.rawValue):\(product.id)",
                        kind: .productLostCoverage,
                        severity: rules.severity(of: .productLostCoverage),
                        message: AlertMessages.productLostCoverage(
                            product,
                            wasCovered: coveredBefore.contains(product.id)
                        ),
                        product: product.id,
                        region: product.region.districtLabel,
                        evidenceTime: evidenceTime
                    )
                )
            }
            if item.state != .covered, let validUntil = product.validUntil,
                let expiry = expiry(of: validUntil)
            {
                let remaining = expiry.timeIntervalSince(now)
                guard remaining <= rules.certificateHorizon else { continue }
                conditions.append(
                    AlertCondition(
                        key: "\(AlertKind.certificateExpiring.rawValue):\(product.id)",
                        kind: .certificateExpiring,
                        severity: rules.severity(of: .certificateExpiring),
                        message: AlertMessages.certificateExpiring(
                            product,
                            validUntil: validUntil,
                            days: Int((remaining / 86_400).rounded(.up))
                        ),
                        product: product.id,
                        region: product.region.districtLabel
                    )
                )
            }
        }
        return conditions
    }

    /// The latest conclusive statuses that raise a listing alert: only listings in one of them
    /// need reading for ``conditions(coverage:previous:passChecks:concluded:lastSuccessfulPass:paused:now:)``
    /// (besides those of products not covered).
    public static let listingStatuses: Set<ListingStatus> = [.delisted, .outOfStock]

    func listingConditions(_ coverage: CoverageReport, concluded: [ConcludedListing], now: Date) -> [AlertCondition] {
        var positions = ProductPositions(coverage.productCoverage, askedFor: concluded.lazy.map(\.listing.productID))
        var conditions: [AlertCondition] = []
        for item in concluded {
            let listing = item.listing
            guard let position = positions.position(of: listing.productID) else { continue }
            let product = coverage.productCoverage[position].product
            guard coverage.rules.counts(listing, at: now) else { continue }
            guard Self.listingStatuses.contains(item.status) else { continue }
            let kind: AlertKind
            switch item.status {
            case .delisted: kind = .listingDelisted
            case .outOfStock: kind = .listingOutOfStock
            case .active, .blocked, .unreachable, .unparseable: continue
            }
            conditions.append(
                AlertCondition(
                    key: "\(kind.rawValue):\(listing.productID):\(listing.url)",
                    kind: kind,
                    severity: rules.severity(of: kind),
                    text: .listing(
                        item.status,
                        productName: product.name,
                        productID: product.id,
                        marketplace: listing.marketplace,
                        reason: item.reason
                    ),
                    product: listing.productID,
                    listing: listing.url,
                    region: product.region.districtLabel,
                    marketplace: listing.marketplace,
                    evidenceTime: item.checkedAt
                )
            )
        }
        return conditions
    }

    /// Where each product's verdict is, for listings asked about in product id order.
    ///
    /// Positions, not copies: at 100,000 listings a dictionary of `Product` values (and the array
    /// it was built from) held 28 MB at the peak of a pass. The verdicts and the listings both
    /// come in id order from the calculator and the store, so they are walked in step; a table of
    /// positions (1.6 MB for 50,000 products) is built only when either is out of order (docs/0012).
    private struct ProductPositions {
        private let verdicts: [ProductCoverage]
        private var table: [String: Int]?
        private var next = 0

        init(_ verdicts: [ProductCoverage], askedFor ids: some Collection<String>) {
            self.verdicts = verdicts
            if verdicts.isAscending(by: \.product.id), ids.isAscending(strictly: false, by: { $0 }) { return }
            var table: [String: Int] = [:]
            table.reserveCapacity(verdicts.count)
            for (index, verdict) in verdicts.enumerated() where table[verdict.product.id] == nil {
                table[verdict.product.id] = index
            }
            self.table = table
        }

        mutating func position(of id: String) -> Int? {
            if let table { return table[id] }
            while next < verdicts.count, verdicts[next].product.id < id { next += 1 }
            return next < verdicts.count && verdicts[next].product.id == id ? next : nil
        }
    }

    func adapterConditions(
        _ passChecks: [MarketplaceID: [ListingStatus: Int]],
        paused: Set<MarketplaceID> = []
    ) -> [AlertCondition] {
        let judged = passChecks.compactMap { marketplace, counts -> AlertCondition? in
            let total = counts.values.reduce(0, +)
            let failing = counts.filter { rules.degradedStatuses.contains($0.key) }.values.reduce(0, +)
            guard total >= max(1, rules.degradedMinimumChecks),
                Double(failing) >= rules.degradedShare * Double(total)
            else { return nil }
            return AlertCondition(
                key: "\(AlertKind.adapterDegraded.rawValue):\(marketplace)",
                kind: .adapterDegraded,
                severity: rules.severity(of: .adapterDegraded),
                message: AlertMessages.adapterDegraded(
                    marketplace,
                    failing: failing,
                    total: total,
                    counts: counts,
                    statuses: rules.degradedStatuses
                ),
                marketplace: marketplace
            )
        }
        let named = Set(judged.compactMap(\.marketplace))
        return judged
            + paused.subtracting(named).sorted().map { marketplace in
                AlertCondition(
                    key: "\(AlertKind.adapterDegraded.rawValue):\(marketplace)",
                    kind: .adapterDegraded,
                    severity: rules.severity(of: .adapterDegraded),
                    message: AlertMessages.adapterPaused(marketplace),
                    marketplace: marketplace
                )
            }
    }

    func passConditions(lastSuccessfulPass: Date?, now: Date) -> [AlertCondition] {
        let age = lastSuccessfulPass.map { now.timeIntervalSince($0) }
        if let age, age <= rules.maximumPassAge { return [] }
        return [
            AlertCondition(
                key: AlertKind.noSuccessfulPass.rawValue,
                kind: .noSuccessfulPass,
                severity: rules.severity(of: .noSuccessfulPass),
                message: AlertMessages.noSuccessfulPass(age: age)
            )
        ]
    }

    /// The first instant a certificate is no longer valid: the start of the day after its
    /// `valid_until` date in the province's zone. `nil` for a date that is not `YYYY-MM-DD`.
    func expiry(of validUntil: CivilDate) -> Date? {
        let parts = validUntil.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rules.timeZone
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return calendar.date(byAdding: .day, value: 1, to: start)
    }
}
