import Foundation
import OCOPCore
import OCOPStore
import Testing

/// The behaviour every ``ObservationStore`` must share, run against SQLite and memory alike.
@Suite struct StoreBehaviourTests {
    @Test(arguments: Backend.allCases)
    func importingTheSameCatalogTwiceChangesNothing(_ backend: Backend) async throws {
        let subject = try StoreUnderTest(backend)
        let store = subject.store
        let first = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        #expect(first.producers == .init(added: 2))
        #expect(first.products == .init(added: 3))
        #expect(first.listings == .init(added: 3))

        let second = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(1))
        #expect(!second.hasChanges)
        #expect(second.products == .init(unchanged: 3))

        let stored = try await store.catalog()
        #expect(stored.producers == Sample.producers)
        #expect(stored.products == Sample.products)
        #expect(stored.listings == Sample.listings.sorted { $0.key < $1.key })
        let imports = try await store.imports(limit: 10)
        #expect(imports.map(\.importedAt) == [Sample.time(0)])
        #expect(imports.first?.summary == first)
    }

    /// The totals behind `ocop_checks_total` are every observation recorded, by marketplace and
    /// status, however many batches brought them.
    @Test(arguments: Backend.allCases)
    func checkTotalsCountEveryRecordedObservation(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        #expect(try await store.checkTotals().isEmpty)
        let (tiki, lazada) = (Sample.listings[1], Sample.listings[2])
        let pass = try await store.beginPass(startedAt: Sample.time(1), kind: "scheduled")
        try await store.record(
            [Sample.observation(tiki, at: 1, .active), Sample.observation(lazada, at: 1, .blocked)], pass: pass)
        try await store.record(
            [Sample.observation(tiki, at: 2, .active), Sample.observation(lazada, at: 2, .delisted)], pass: pass)
        let totals = try await store.checkTotals()
        #expect(totals == [tiki.marketplace: [.active: 2], lazada.marketplace: [.blocked: 1, .delisted: 1]])
    }

    /// An import without a listings file keeps the stored listings, but a product it removes
    /// takes its listings out of what is checked, and brings them back when it returns.
    @Test(arguments: Backend.allCases)
    func aRemovedProductsListingsAreNotCheckedUntilItReturns(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))
        var productsOnly = Sample.catalog
        productsOnly.listings = []
        productsOnly.includesListings = false
        productsOnly.products.remove(at: 2)
        let removal = try await store.importCatalog(productsOnly, source: "v2", at: Sample.time(10))
        #expect(removal.listings == .init(removed: 1, unchanged: 2), "\(removal.listings)")
        let kept = Sample.listings.filter { $0.productID != Sample.products[2].id }.sorted { $0.key < $1.key }
        #expect(kept.count == Sample.listings.count - 1)
        #expect(try await store.catalog().listings == kept)
        #expect(try await store.listings(after: nil, limit: 10) == kept)
        #expect(try await store.listingCounts().values.reduce(0, +) == kept.count)

        productsOnly.products = Sample.products
        let comeback = try await store.importCatalog(productsOnly, source: "v3", at: Sample.time(20))
        #expect(comeback.listings == .init(added: 1, unchanged: 2), "\(comeback.listings)")
        #expect(try await store.catalog().listings == Sample.listings.sorted { $0.key < $1.key })

        // A full import counts the same way: the product leaves again, then returns with its
        // listings file, and its listing is added back once, not found unchanged.
        _ = try await store.importCatalog(productsOnly.removingProduct(at: 2), source: "v4", at: Sample.time(30))
        let full = try await store.importCatalog(Sample.catalog, source: "v5", at: Sample.time(40))
        #expect(full.listings == .init(added: 1, unchanged: 2), "\(full.listings)")
        // A full import without the product nor its listing removes nothing it had not stopped.
        var without = Sample.catalog.removingProduct(at: 2)
        without.listings.removeAll { $0.productID == Sample.products[2].id }
        _ = try await store.importCatalog(productsOnly.removingProduct(at: 2), source: "v6", at: Sample.time(50))
        let second = try await store.importCatalog(without, source: "v7", at: Sample.time(60))
        #expect(second.listings == .init(unchanged: 2), "\(second.listings)")
        // And it stays out when the product returns without a listings file.
        _ = try await store.importCatalog(productsOnly, source: "v8", at: Sample.time(70))
        #expect(try await store.catalog().listings.count == 2)
    }

    /// A marketplace link respelt to the same page (scheme, `www.`, a tracking parameter, a
    /// trailing slash) is the listing it was, with its history, not a new one; a producer's
    /// website link is the address fetched, so a respelling replaces it.
    @Test(arguments: Backend.allCases)
    func aRespeltLinkKeepsItsListingAndHistory(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))
        let pass = try await store.beginPass(startedAt: Sample.time(1), kind: "once")
        try await store.record([Sample.observation(Sample.listings[0], at: 1, .active)], pass: pass)
        var respelt = Sample.catalog
        respelt.listings[0].url = "http://www.shopee.vn/a-i.1.2/?utm_source=zalo"
        respelt.listings[0].sellerRelation = .provincialPavilion
        let summary = try await store.importCatalog(respelt, source: "v2", at: Sample.time(10))
        #expect(summary.listings == .init(updated: 1, unchanged: 2), "\(summary.listings)")
        let listing = try #require(try await store.catalog().listings.first { $0.marketplace == .shopee })
        #expect(listing.url == Sample.listings[0].url)
        #expect(listing.sellerRelation == .provincialPavilion)
        #expect(try await store.history(for: listing.key, limit: 10).map(\.status) == [.active])

        var site = respelt
        site.listings.append(Listing(productID: "DT-P-0002", marketplace: .website, url: "http://www.sen.vn/tra"))
        _ = try await store.importCatalog(site, source: "v3", at: Sample.time(20))
        site.listings[site.listings.count - 1].url = "https://sen.vn/tra"
        let corrected = try await store.importCatalog(site, source: "v4", at: Sample.time(30))
        #expect(corrected.listings == .init(added: 1, removed: 1, unchanged: 3), "\(corrected.listings)")
        #expect(try await store.catalog().listings.contains { $0.url == "https://sen.vn/tra" })
    }

    @Test(arguments: Backend.allCases)
    func updatesAndRemovalsAreRecorded(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))

        var second = Sample.catalog
        second.products[0].name = "Trà tim sen Hồng Liên"
        second.products.remove(at: 2)  // DT-P-0003 and its listing leave the catalog
        second.listings.remove(at: 2)
        second.listings[1].sellerRelation = .provincialPavilion
        let summary = try await store.importCatalog(second, source: "v2", at: Sample.time(10))
        #expect(summary.producers == .init(unchanged: 2))
        #expect(summary.products == .init(updated: 1, removed: 1, unchanged: 1))
        #expect(summary.listings == .init(updated: 1, removed: 1, unchanged: 1))

        let current = try await store.catalog()
        #expect(current.products.map(\.id) == ["DT-P-0001", "DT-P-0002"])
        #expect(current.products.first?.name == "Trà tim sen Hồng Liên")
        #expect(current.listings.map(\.url) == ["https://shopee.vn/a-i.1.2", "https://tiki.vn/a-p3.html"])
        #expect(try await store.listings(after: nil, limit: 10) == current.listings)
        #expect(try await store.listingCounts() == [MarketplaceID("shopee"): 1, MarketplaceID("tiki"): 1])
        #expect(try await store.evidence().map(\.listing.productID) == ["DT-P-0001", "DT-P-0001"])

        let third = try await store.importCatalog(Sample.catalog, source: "v3", at: Sample.time(20))
        #expect(third.products == .init(added: 1, updated: 1, unchanged: 1))
        #expect(third.listings == .init(added: 1, updated: 1, unchanged: 1))
        #expect(try await store.catalog().products == Sample.products)
        #expect(try await store.imports(limit: 2).map(\.source) == ["v3", "v2"])
    }

    @Test(arguments: Backend.allCases)
    func anImportWithoutListingsKeepsTheStoredOnes(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))
        let stored = try await store.catalog().listings
        #expect(stored.count == Sample.catalog.listings.count)

        var productsOnly = Sample.catalog
        productsOnly.listings = []
        productsOnly.includesListings = false
        productsOnly.products[0].name = "Trà tim sen Hồng Liên"
        let summary = try await store.importCatalog(productsOnly, source: "v2", at: Sample.time(10))
        #expect(summary.products == .init(updated: 1, unchanged: Sample.catalog.products.count - 1))
        #expect(summary.listings == .init(unchanged: stored.count))
        #expect(try await store.catalog().listings == stored)

        // A listings file with no rows is an explicit answer: every listing goes.
        productsOnly.includesListings = true
        let emptied = try await store.importCatalog(productsOnly, source: "v3", at: Sample.time(20))
        #expect(emptied.listings == .init(removed: stored.count))
        #expect(try await store.catalog().listings.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func listingsAreReadInPagesThatResumeAfterTheLastKey(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let all = Sample.listings.sorted { $0.key < $1.key }
        var pages: [[Listing]] = []
        var last: ListingKey?
        while true {
            let page = try await store.listings(after: last, limit: 2)
            guard !page.isEmpty else { break }
            pages.append(page)
            last = page.last?.key
        }
        #expect(pages.map(\.count) == [2, 1])
        #expect(pages.flatMap { $0 } == all)
        #expect(try await store.listings(after: all[0].key, limit: 5) == Array(all.dropFirst()))
        #expect(try await store.listingCounts().values.reduce(0, +) == all.count)
    }

    @Test(arguments: Backend.allCases)
    func anInconsistentCatalogIsRefusedWhole(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        var broken = Sample.catalog
        broken.listings.append(Listing(productID: "DT-P-0999", marketplace: .shopee, url: "https://shopee.vn/x-i.1.9"))
        let error = await #expect(throws: StoreError.self) {
            try await store.importCatalog(broken, source: "broken", at: Sample.time(0))
        }
        #expect(error?.code == .invalidCatalog)
        #expect(error?.message.contains("DT-P-0999") == true)
        #expect(try await store.catalog() == Catalog())
    }

    @Test(arguments: Backend.allCases)
    func aPassIsRecordedWithItsCounts(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let pass = try await store.beginPass(startedAt: Sample.time(1), kind: "scheduled")
        try await store.record(
            [
                Sample.observation(Sample.listings[0], at: 2, .active, price: 95_000),
                Sample.observation(Sample.listings[1], at: 2, .outOfStock),
            ],
            pass: pass
        )
        try await store.record([Sample.observation(Sample.listings[2], at: 3, .delisted)], pass: pass)
        let counts: [ListingStatus: Int] = [.active: 1, .outOfStock: 1, .delisted: 1]
        try await store.finishPass(pass, endedAt: Sample.time(4), counts: counts, error: nil)

        let records = try await store.passes(limit: 10)
        #expect(
            records == [
                PassRecord(
                    id: pass,
                    kind: "scheduled",
                    startedAt: Sample.time(1),
                    endedAt: Sample.time(4),
                    counts: [.active: 1, .outOfStock: 1, .delisted: 1],
                    observationCount: 3
                )
            ]
        )
        #expect(try await store.lastCompletedPass()?.id == pass)
    }

    @Test(arguments: Backend.allCases)
    func anUnfinishedOrFailedPassIsNeverTheLastCompleted(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        #expect(try await store.lastCompletedPass() == nil)
        let completed = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.finishPass(completed, endedAt: Sample.time(5), counts: [:], error: nil)
        let failed = try await store.beginPass(startedAt: Sample.time(10), kind: "scheduled")
        try await store.finishPass(failed, endedAt: Sample.time(11), counts: [:], error: "network down")
        let crashed = try await store.beginPass(startedAt: Sample.time(20), kind: "once")

        let records = try await store.passes(limit: 10)
        #expect(records.map(\.id) == [crashed, failed, completed])
        #expect(records.map(\.isFinished) == [false, true, true])
        #expect(records.map(\.isCompleted) == [false, false, true])
        #expect(records[1].error == "network down")
        #expect(try await store.lastCompletedPass()?.id == completed)
        #expect(try await store.passes(limit: 1).map(\.id) == [crashed])
    }

    @Test(arguments: Backend.allCases)
    func aPassThatConcludedNothingIsNotASuccess(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        /// A pass that recorded `observations` and finished with their tally.
        func pass(at minutes: Int, _ observations: [Observation]) async throws -> PassID {
            let pass = try await store.beginPass(startedAt: Sample.time(minutes), kind: "scheduled")
            try await store.record(observations, pass: pass)
            var counts: [ListingStatus: Int] = [:]
            for observation in observations { counts[observation.status, default: 0] += 1 }
            try await store.finishPass(pass, endedAt: Sample.time(minutes + 5), counts: counts, error: nil)
            return pass
        }
        let (shopee, tiki, lazada) = (Sample.listings[0], Sample.listings[1], Sample.listings[2])
        let concluded = try await pass(
            at: 0, [Sample.observation(shopee, at: 1, .blocked), Sample.observation(lazada, at: 1, .delisted)])
        let outage = try await pass(
            at: 10, [Sample.observation(shopee, at: 11, .blocked), Sample.observation(tiki, at: 11, .unreachable)])
        #expect(try await store.lastCompletedPass()?.id == outage)
        #expect(try await store.lastSuccessfulPass()?.id == concluded)

        // A closed marketplace's "delisted" is the calendar's, reached however the network fares.
        var closed = Sample.observation(lazada, at: 21, .delisted)
        closed.verdict.reason = Verdict.marketplaceClosedReason
        _ = try await pass(at: 20, [Sample.observation(shopee, at: 21, .blocked), closed])
        #expect(try await store.lastSuccessfulPass()?.id == concluded)

        let learned = try await pass(at: 30, [Sample.observation(tiki, at: 31, .outOfStock)])
        #expect(try await store.lastSuccessfulPass()?.id == learned)
    }

    @Test(arguments: Backend.allCases)
    func historyKeepsEveryObservationNewestFirst(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let listing = Sample.listings[0]
        let first = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.record([Sample.observation(listing, at: 1, .active, price: 90_000)], pass: first)
        try await store.finishPass(first, endedAt: Sample.time(2), counts: [.active: 1], error: nil)
        let second = try await store.beginPass(startedAt: Sample.time(60), kind: "scheduled")
        try await store.record([Sample.observation(listing, at: 61, .active, price: 95_000)], pass: second)
        try await store.record([Sample.observation(listing, at: 62, .blocked)], pass: second)

        let history = try await store.history(for: listing.key, limit: 10)
        #expect(history.map(\.checkedAt) == [Sample.time(62), Sample.time(61), Sample.time(1)])
        #expect(history[1] == Sample.observation(listing, at: 61, .active, price: 95_000))
        #expect(try await store.history(for: listing.key, limit: 1).map(\.status) == [.blocked])
        #expect(try await store.history(for: Sample.listings[1].key, limit: 10).isEmpty)
    }

    @Test("History holds every check of a listing, however the checks were batched", arguments: Backend.allCases)
    func historyFollowsChecksWithinAndAcrossBatches(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let listing = Sample.listings[0]
        let other = Sample.listings[1]
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.record(
            [
                Sample.observation(listing, at: 1, .active), Sample.observation(other, at: 1, .active),
                Sample.observation(listing, at: 2, .blocked), Sample.observation(listing, at: 3, .active),
            ],
            pass: pass
        )
        try await store.record([Sample.observation(other, at: 4, .delisted)], pass: pass)
        try await store.record([Sample.observation(listing, at: 5, .outOfStock)], pass: pass)

        let history = try await store.history(for: listing.key, limit: 10)
        #expect(history.map(\.checkedAt) == [5, 3, 2, 1].map(Sample.time))
        #expect(try await store.history(for: listing.key, limit: 2).map(\.checkedAt) == [5, 3].map(Sample.time))
        #expect(try await store.history(for: other.key, limit: 10).map(\.status) == [.delisted, .active])
        #expect(try await store.history(for: listing.key, limit: 0).isEmpty)
    }

    @Test(
        "After a clock was set back, history holds the checks recorded last and orders them by time",
        arguments: Backend.allCases
    )
    func historyAfterAClockSetBack(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let listing = Sample.listings[0]
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.record([Sample.observation(listing, at: 10, .active)], pass: pass)
        try await store.record([Sample.observation(listing, at: 20, .active)], pass: pass)
        try await store.record([Sample.observation(listing, at: 5, .delisted)], pass: pass)

        #expect(try await store.history(for: listing.key, limit: 10).map(\.checkedAt) == [20, 10, 5].map(Sample.time))
        #expect(try await store.history(for: listing.key, limit: 2).map(\.checkedAt) == [20, 5].map(Sample.time))
        #expect(try await store.history(for: listing.key, limit: 1).map(\.status) == [.delisted])
        // The latest by time is still what coverage reads.
        #expect(try await store.evidence().first { $0.listing == listing }?.latest?.checkedAt == Sample.time(20))
    }

    @Test(arguments: Backend.allCases)
    func everyFieldOfAnObservationComesBackAsRecorded(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let listing = Sample.listings[0]
        let full = Observation(
            listing: listing.key,
            marketplace: listing.marketplace,
            checkedAt: Sample.time(1).addingTimeInterval(0.25),
            verdict: Verdict(
                status: .outOfStock,
                reason: "stock_zero",
                title: "Bánh pía Sóc Trăng — hộp 4 cái",
                priceVND: 85_000,
                originalPriceVND: 100_000,
                seller: "",
                stock: 0,
                sold: 1_234,
                itemID: "274000001",
                evidence: ["json-ld availability OutOfStock", "", "giá 85.000 ₫"]
            ),
            httpStatus: 200,
            finalURL: listing.url + "?spid=1",
            elapsedMilliseconds: 0,
            error: ""
        )
        let bare = Observation(
            listing: listing.key,
            marketplace: listing.marketplace,
            checkedAt: Sample.time(2),
            verdict: Verdict(status: .unreachable),
            httpStatus: nil,
            finalURL: nil,
            elapsedMilliseconds: nil,
            error: "connection refused"
        )
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "once")
        try await store.record([full, bare], pass: pass)

        #expect(try await store.history(for: listing.key, limit: 10) == [bare, full])
    }

    @Test(arguments: Backend.allCases)
    func aBlockedCheckKeepsTheLastConclusiveVerdict(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let listing = Sample.listings[0]
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        let active = Sample.observation(listing, at: 1, .active, price: 95_000)
        let blocked = Sample.observation(listing, at: 2, .blocked)
        try await store.record([active], pass: pass)
        try await store.record([blocked], pass: pass)

        var evidence = try await store.evidence()
        #expect(evidence.map(\.listing) == Sample.listings.sorted { $0.key < $1.key })
        let watched = try #require(evidence.first { $0.listing == listing })
        #expect(watched.latest == blocked)
        #expect(watched.latestConclusive == active)
        #expect(evidence.filter { $0.listing != listing }.allSatisfy { $0.latest == nil && $0.latestConclusive == nil })

        // A late-arriving older observation joins the history without displacing the latest.
        let late = Sample.observation(listing, at: 0, .delisted)
        try await store.record([late], pass: pass)
        evidence = try await store.evidence()
        #expect(evidence.first { $0.listing == listing }?.latest == blocked)
        #expect(evidence.first { $0.listing == listing }?.latestConclusive == active)

        let delisted = Sample.observation(listing, at: 3, .delisted)
        try await store.record([delisted], pass: pass)
        evidence = try await store.evidence()
        #expect(evidence.first { $0.listing == listing }?.latest == delisted)
        #expect(evidence.first { $0.listing == listing }?.latestConclusive == delisted)
    }

    /// The latest and latest conclusive observation do not depend on how checks are batched: a
    /// listing checked several times in one batch, out of order and with ties, ends where the same
    /// checks recorded one by one end.
    @Test(arguments: Backend.allCases)
    func oneBatchEndsWhereOneCallPerObservationEnds(_ backend: Backend) async throws {
        let (first, second) = (Sample.listings[0], Sample.listings[1])
        let checks = [
            Sample.observation(first, at: 1, .active, price: 95_000),
            Sample.observation(second, at: 5, .outOfStock),
            Sample.observation(first, at: 2, .blocked),
            Sample.observation(first, at: 0, .delisted),
            Sample.observation(second, at: 5, .unreachable),
            Sample.observation(first, at: 2, .outOfStock),
            Sample.observation(second, at: 4, .active),
        ]
        var results: [[ListingEvidence]] = []
        for batches in [[checks], checks.map { [$0] }] {
            let store = try StoreUnderTest(backend).store
            _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
            let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
            for batch in batches { try await store.record(batch, pass: pass) }
            results.append(try await store.evidence())
        }
        #expect(results[0] == results[1])
        let firstEvidence = try #require(results[0].first { $0.listing == first })
        #expect(firstEvidence.latest == checks[5], "a tie goes to the later recorded")
        #expect(firstEvidence.latestConclusive == checks[5])
        let secondEvidence = try #require(results[0].first { $0.listing == second })
        #expect(secondEvidence.latest == checks[4])
        #expect(secondEvidence.latestConclusive == checks[1], "an older conclusive check does not displace a newer one")
    }

    @Test(arguments: Backend.allCases)
    func passesRefuseObservationsOnceFinished(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.finishPass(pass, endedAt: Sample.time(1), counts: [:], error: nil)
        let observation = Sample.observation(Sample.listings[0], at: 2, .active)
        let late = await #expect(throws: StoreError.self) { try await store.record([observation], pass: pass) }
        #expect(late?.code == .passFinished)
        let twice = await #expect(throws: StoreError.self) {
            try await store.finishPass(pass, endedAt: Sample.time(3), counts: [:], error: nil)
        }
        #expect(twice?.code == .passFinished)
        let unknown = await #expect(throws: StoreError.self) {
            try await store.record([observation], pass: PassID(rawValue: 42))
        }
        #expect(unknown?.code == .unknownPass)
        #expect(try await store.history(for: observation.listing, limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func subsystemStateIsKeptPerNamespaceAndKey(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        #expect(try await store.loadState(namespace: "scheduler", key: "cursor") == nil)
        try await store.saveState(namespace: "scheduler", key: "cursor", data: Data("17".utf8))
        try await store.saveState(namespace: "breaker", key: "cursor", data: Data("open".utf8))
        try await store.saveState(namespace: "scheduler", key: "cursor", data: Data("18".utf8))
        #expect(try await store.loadState(namespace: "scheduler", key: "cursor") == Data("18".utf8))
        #expect(try await store.loadState(namespace: "breaker", key: "cursor") == Data("open".utf8))
    }

    @Test(arguments: Backend.allCases)
    func coverageSnapshotsAreListedNewestFirst(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.saveCoverageSnapshot(passID: pass, at: Sample.time(1), json: Data(#"{"covered":1}"#.utf8))
        try await store.saveCoverageSnapshot(passID: nil, at: Sample.time(2), json: Data(#"{"covered":2}"#.utf8))
        let snapshots = try await store.coverageSnapshots(limit: 10)
        #expect(snapshots.map(\.passID) == [nil, pass])
        #expect(snapshots.map(\.takenAt) == [Sample.time(2), Sample.time(1)])
        #expect(snapshots.last?.json == Data(#"{"covered":1}"#.utf8))
        #expect(try await store.coverageSnapshots(limit: 1).count == 1)
        let error = await #expect(throws: StoreError.self) {
            try await store.saveCoverageSnapshot(passID: PassID(rawValue: 99), at: Sample.time(3), json: Data())
        }
        #expect(error?.code == .unknownPass)
    }

    @Test(arguments: Backend.allCases)
    func snapshotDatesListWithoutReportsAndOneReportReadsById(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        let pass = try await store.beginPass(startedAt: Sample.time(0), kind: "scheduled")
        try await store.saveCoverageSnapshot(passID: pass, at: Sample.time(1), json: Data(#"{"covered":1}"#.utf8))
        try await store.saveCoverageSnapshot(passID: nil, at: Sample.time(2), json: Data(#"{"covered":2}"#.utf8))
        let dates = try await store.coverageSnapshotDates(limit: 10)
        #expect(dates.map(\.takenAt) == [Sample.time(2), Sample.time(1)])
        #expect(try await store.coverageSnapshotDates(limit: 1).map(\.takenAt) == [Sample.time(2)])
        let oldest = try #require(dates.last)
        let snapshot = try await store.coverageSnapshot(id: oldest.id)
        #expect(snapshot?.passID == pass)
        #expect(snapshot?.takenAt == Sample.time(1))
        #expect(snapshot?.json == Data(#"{"covered":1}"#.utf8))
        #expect(try await store.coverageSnapshot(id: oldest.id + 100) == nil)
    }

    @Test(arguments: Backend.allCases)
    func stateRecordsAreSavedAndRemovedOneByOneInTheirNamespace(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        #expect(try await store.loadStates(namespace: "alerts.entries").isEmpty)
        try await store.saveState(namespace: "alerts", key: "lifecycle", data: Data("whole".utf8))
        try await store.updateStates(
            namespace: "alerts.entries", saving: ["a": Data("1".utf8), "b": Data("2".utf8), "c": Data("3".utf8)], removing: [])
        try await store.updateStates(
            namespace: "alerts.entries", saving: ["b": Data("2'".utf8), "d": Data("4".utf8)], removing: ["a", "d", "zz"])
        #expect(
            try await store.loadStates(namespace: "alerts.entries")
                == ["b": Data("2'".utf8), "c": Data("3".utf8), "d": Data("4".utf8)],
            "a key both saved and removed is saved; an unknown key to remove is no error"
        )
        #expect(try await store.loadStates(namespace: "alerts") == ["lifecycle": Data("whole".utf8)])
        try await store.updateStates(namespace: "alerts", saving: [:], removing: ["lifecycle"])
        #expect(try await store.loadState(namespace: "alerts", key: "lifecycle") == nil)
        #expect(try await store.loadStates(namespace: "alerts.entries").count == 3)
    }

    @Test(arguments: Backend.allCases)
    func aRecordThatCannotBeMadeLeavesTheWholeUpdateUnsaved(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        try await store.updateStates(namespace: "alerts.entries", saving: ["a": Data("1".utf8)], removing: [])
        await #expect(throws: StoreError.self) {
            try await store.updateStates(namespace: "alerts.entries", saving: FailingRecords(), removing: ["a"])
        }
        #expect(
            try await store.loadStates(namespace: "alerts.entries") == ["a": Data("1".utf8)],
            "neither the removal nor the records made before the failure are saved"
        )
    }
}

extension StoreBehaviourTests {
    @Test(arguments: Backend.allCases)
    func statesAreReadThroughTheReaderAndAnUnreadableOneFailsTheRead(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        try await store.updateStates(
            namespace: "scheduler.entries", saving: ["a": Data("1".utf8), "b": Data("22".utf8)], removing: [])
        try await store.saveState(namespace: "scheduler", key: "planner", data: Data("333".utf8))
        let lengths = try await store.loadStates(namespace: "scheduler.entries") { $0.count }
        #expect(lengths.sorted() == [1, 2], "the namespace's values, none of another namespace")
        struct Unreadable: Error {}
        await #expect(throws: StoreError.self) {
            _ = try await store.loadStates(namespace: "scheduler.entries") { data -> Int in
                guard data.count == 1 else { throw Unreadable() }
                return 1
            }
        }
    }
}

/// Makes the record `b`, then fails on the next, as a value that cannot be encoded would.
private struct FailingRecords: KeyedRecords {
    struct Unencodable: Error {}

    func forEachRecord(_ body: (_ key: String, _ record: Data) throws -> Void) throws {
        try body("b", Data("2".utf8))
        throw Unencodable()
    }
}
