/// What the server has been asked, for tests and for `GET /_mock/stats`.
public struct MockRequestStats: Sendable, Hashable, Codable {
    /// Requests counted since the start or the last reset (`/_mock/stats` itself is not counted).
    public var total = 0
    /// Requests per marketplace id (`feed` for the feed routes).
    public var marketplaces: [String: Int] = [:]
    /// Requests per route name (`tiki.product`, `shopee.get_pc`, `feed.shopee` …).
    public var routes: [String: Int] = [:]
    /// Requests per item, keyed `marketplace/item_id`.
    public var items: [String: Int] = [:]
    /// Faults injected, per kind name (`captcha`, `latency` …).
    public var faults: [String: Int] = [:]
    /// Stalled responses still holding their connection.
    public var openStalls = 0
    /// Increases with every scenario change; identifies which scenario answered.
    public var scenarioRevision = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case total
        case marketplaces
        case routes
        case items
        case faults
        case openStalls = "open_stalls"
        case scenarioRevision = "scenario_revision"
    }
}
