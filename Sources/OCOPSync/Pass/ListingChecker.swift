import CurlFetch
import Foundation
import Logging
import OCOPConfig
public import OCOPCore
import OCOPStore

/// Checks one listing: adapter plan → fetch → adapter interpretation, always ending in an
/// ``Observation``. Used by the pass, the daemon and `ocop-watch check`, so all three agree.
public struct ListingChecker: Sendable {
    /// The reason of a check cut short by shutdown or cancellation; such checks are not recorded.
    static let cancelledReason = "cancelled"

    let engine: FetchEngine
    let adapterFor: @Sendable (Listing) -> (any MarketplaceAdapter)?

    init(engine: FetchEngine, adapterFor: @escaping @Sendable (Listing) -> (any MarketplaceAdapter)?) {
        self.engine = engine
        self.adapterFor = adapterFor
    }

    /// The HTTP statuses of the responses whose page a later `304 Not Modified` says is
    /// unchanged: the engine keeps validators from these only (a 304 refreshes them).
    static let wholePageStatuses: Set<Int> = [200, 203, 304]

    /// How many of a listing's last records a `304 Not Modified` looks through for the check it
    /// repeats.
    private static let notModifiedHistoryDepth = 16

    /// Of a listing's history, newest first, the observation that a `304 Not Modified` to a
    /// request for `url` repeats: the last one read from a whole page of that URL, or repeating
    /// one. The engine keeps validators per URL from a 200 only, so a failure met since (a 503, a
    /// 429, a timeout) or a redirect elsewhere (validators of the page it landed on) says nothing
    /// about the page they describe, and repeating it would keep a live listing failed or delisted
    /// for as long as its page does not change.
    static func repeatedByNotModified(in history: [Observation], url: String) -> Observation? {
        history.first { ($0.httpStatus.map(wholePageStatuses.contains) ?? false) && $0.finalURL == url }
    }

    /// - Parameters:
    ///   - listing: The listing to check.
    ///   - history: Its last ``notModifiedHistoryDepth`` observations, newest first; read only
    ///     when the answer is `304 Not Modified`, to find the check it repeats
    ///     (``repeatedByNotModified(in:url:)``). When there is none, the page is fetched again whole.
    public func check(_ listing: Listing, history: @Sendable () async -> [Observation] = { [] }) async -> Observation {
        let started = Date()
        func observation(_ verdict: Verdict, status: Int? = nil, finalURL: String? = nil, error: String? = nil) -> Observation {
            let checkedAt = Date()
            return Observation(
                listing: listing.key,
                marketplace: listing.marketplace,
                checkedAt: checkedAt,
                verdict: verdict,
                httpStatus: status,
                finalURL: finalURL,
                elapsedMilliseconds: Int(checkedAt.timeIntervalSince(started) * 1000),
                error: error
            )
        }
        guard let adapter = adapterFor(listing) else {
            return observation(Verdict(status: .unparseable, reason: "no_adapter", evidence: ["no adapter reads \(listing.marketplace)"]))
        }
        guard let reference = adapter.reference(for: listing.url) else {
            return observation(
                Verdict(status: .unparseable, reason: "url_not_recognised", evidence: ["\(adapter.marketplace) cannot read this URL"])
            )
        }
        let plan = adapter.plan(reference)
        let allowedHosts = adapter.allowedHosts
        let request = FetchRequest(
            url: plan.url,
            headers: plan.headers.map { FetchHeader($0.name, $0.value) },
            allowedHosts: allowedHosts.isEmpty ? nil : allowedHosts
        )
        do {
            var response = try await engine.fetch(request)
            if response.notModified {
                if let previous = Self.repeatedByNotModified(in: await history(), url: response.finalURL) {
                    var verdict = previous.verdict
                    verdict.evidence = ["304 Not Modified: unchanged since \(previous.checkedAt)"]
                    return observation(verdict, status: response.status, finalURL: response.finalURL)
                }
                var whole = request
                whole.allowsConditional = false
                response = try await engine.fetch(whole)
                guard !response.notModified else {
                    let verdict = Verdict(status: .unparseable, reason: "not_modified_without_history")
                    return observation(verdict, status: response.status, finalURL: response.finalURL)
                }
            }
            let snapshot = HTTPResponseSnapshot(
                status: response.status,
                finalURL: response.finalURL,
                headers: response.headers.map { HTTPHeaderField($0.name, $0.value) },
                body: response.body
            )
            // The snapshot holds the only reference to the body from here, so it can be reused.
            _ = consume response
            let verdict = adapter.interpret(snapshot, for: reference)
            let (status, finalURL) = (snapshot.status, snapshot.finalURL)
            engine.reuseBody((consume snapshot).body)
            return observation(verdict, status: status, finalURL: finalURL)
        } catch {
            return observation(error.verdict, error: error.description)
        }
    }
}

extension ListingChecker {
    /// Checks `listing` as the pass and the daemon do: a `304 Not Modified` reads the listing's
    /// last ``notModifiedHistoryDepth`` records from `store`.
    func check(_ listing: Listing, historyIn store: any ObservationStore) async -> Observation {
        await check(listing) { (try? await store.history(for: listing.key, limit: Self.notModifiedHistoryDepth)) ?? [] }
    }
}
