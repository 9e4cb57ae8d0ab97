import OCOPCore
import OCOPStore

extension ObservationStore {
    /// The listing's observation that a `304 Not Modified` repeats
    /// (``ListingChecker/repeatedByNotModified(in:)``), looked for among its last few records;
    /// `nil` when none of them was read from a whole page, and the checker then fetches it again.
    func observationRepeatedByNotModified(for listing: ListingKey) async -> Observation? {
        let recent = (try? await history(for: listing, limit: 16)) ?? []
        return ListingChecker.repeatedByNotModified(in: recent)
    }
}
