import OCOPCore

/// Statuses adapters treat differently, weighted towards 200 since most bodies arrive with it.
private let statuses = [200, 200, 200, 200, 204, 301, 302, 401, 403, 404, 410, 429, 500, 503, 0, 999]

/// Drives one page adapter's `interpret` with a fuzzed response.
///
/// Input layout (see docs/0013-fuzzing.md):
/// - byte 0: the HTTP status, from ``statuses``;
/// - byte 1: low nibble, the final URL after redirects; high nibble 8–15, a `location` header
///   (0–7: none); both from the landing candidates below;
/// - byte 2: the (adapter configuration, fixture listing URL) pair;
/// - the rest: the body. Its first line, read as text, is also offered as a landing URL and given
///   to `reference(for:)`, so URL parsing gets fuzzed too.
///
/// Besides crashing, the harness fails when `interpret` gives two different verdicts for the same
/// response: the protocol promises a pure function.
struct PageHarness<Adapter: MarketplaceAdapter>: Sendable {
    private struct Case: Sendable {
        var adapter: Adapter
        var reference: ListingReference
    }

    private let cases: [Case]
    private let landingURLs: [String]

    /// - Parameters:
    ///   - adapters: Configurations to exercise, e.g. the real origin and a mock one.
    ///   - listingURLs: Fixture listing URLs every configuration must recognise.
    ///   - landingURLs: Pages of the marketplace a request may end on: home, search, captcha, login.
    init(adapters: [Adapter], listingURLs: [String], landingURLs: [String]) {
        cases = adapters.flatMap { adapter in
            listingURLs.map { url in
                guard let reference = adapter.reference(for: url) else {
                    fatalError("the fixture URL \(url) is not recognised; update the harness")
                }
                return Case(adapter: adapter, reference: reference)
            }
        }
        self.landingURLs = landingURLs
    }

    /// Does nothing: calling it makes the global harness initialise (and check its fixture URLs).
    func prepare() {}

    func run(_ input: inout FuzzInput) {
        let status = input.choose(from: statuses)
        let urlChoice = input.takeByte()
        let chosen = input.choose(from: cases)
        let body = input.takeRest()

        let bodyURL = String(decoding: body.prefix { $0 != 0x0A }.prefix(2048), as: UTF8.self)
        let candidates =
            [chosen.adapter.plan(chosen.reference).url, chosen.reference.url] + landingURLs
            + ["", "not a url", bodyURL]
        let finalURL = candidates[Int(urlChoice & 0x0F) % candidates.count]
        let location = Int(urlChoice >> 4)
        let headers = location < 8 ? [] : [HTTPHeaderField("Location", candidates[(location - 8) % candidates.count])]

        let response = HTTPResponseSnapshot(status: status, finalURL: finalURL, headers: headers, body: body)
        let verdict = chosen.adapter.interpret(response, for: chosen.reference)
        let again = chosen.adapter.interpret(response, for: chosen.reference)
        guard verdict == again else {
            fatalError("interpret gave two verdicts for one response: \(verdict) then \(again)")
        }

        if let reference = chosen.adapter.reference(for: bodyURL) {
            _ = chosen.adapter.plan(reference)
        }
    }
}
