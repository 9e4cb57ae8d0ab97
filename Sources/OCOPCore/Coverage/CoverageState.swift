/// Where a product or producer stands against the target.
public enum CoverageState: String, Sendable, Hashable, Codable, CaseIterable {
    /// At least one listing is online by a fresh observation.
    case covered
    /// Every in-scope listing is freshly known to be offline, or there is none.
    case uncovered
    /// Nothing fresh says online, and something is not freshly known: we could not look.
    case unverified
}
