import Foundation
import OCOPCore
import Testing

@Suite("AlertLifecycle")
struct AlertLifecycleTests {
    let start = Date(timeIntervalSince1970: 1_750_000_000)
    let hour: TimeInterval = 3600

    func delisted(_ product: String, on marketplace: MarketplaceID = .shopee) -> AlertCondition {
        let url = "https://\(marketplace).vn/\(product)"
        return AlertCondition(
            key: "listing_delisted:\(product):\(url)",
            kind: .listingDelisted,
            severity: .warning,
            message: "delisted \(product)",
            product: product,
            listing: url,
            marketplace: marketplace
        )
    }

    func degraded(_ marketplace: MarketplaceID) -> AlertCondition {
        AlertCondition(
            key: "adapter_degraded:\(marketplace)",
            kind: .adapterDegraded,
            severity: .critical,
            message: "degraded",
            marketplace: marketplace
        )
    }

    let belowTarget = AlertCondition(
        key: "coverage_below_target:products",
        kind: .coverageBelowTarget,
        severity: .warning,
        message: "below"
    )

    @Test func listingConditionFiresOnlyAfterNConsecutiveEvaluations() {
        let rules = AlertRules(observationConsecutiveToFire: 3)
        var lifecycle = AlertLifecycle()
        let condition = delisted("P1")
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start).isEmpty)
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start + hour).isEmpty)
        let events = lifecycle.step(conditions: [condition], rules: rules, now: start + 2 * hour)
        #expect(events.map(\.state) == [.firing])
        #expect(events.first?.key == condition.key)
        #expect(events.first?.time == start + 2 * hour)
        #expect(lifecycle.active.map(\.condition.key) == [condition.key])
    }

    @Test func anInterruptionResetsThePendingCount() {
        let rules = AlertRules(observationConsecutiveToFire: 2)
        var lifecycle = AlertLifecycle()
        let condition = delisted("P1")
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start).isEmpty)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + hour).isEmpty)
        #expect(lifecycle.entries.isEmpty)
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start + 2 * hour).isEmpty)
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start + 3 * hour).map(\.state) == [.firing])
    }

    @Test func oneCheckIsOnePieceOfEvidenceHoweverOftenItIsEvaluated() {
        let rules = AlertRules(observationConsecutiveToFire: 2)
        var lifecycle = AlertLifecycle()
        var condition = delisted("P1")
        condition.evidenceTime = start
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start).isEmpty)
        // The daemon evaluates every batch; without a newer check of the listing nothing moves.
        for minute in 1...5 {
            #expect(lifecycle.step(conditions: [condition], rules: rules, now: start + Double(minute) * 60).isEmpty)
        }
        condition.evidenceTime = start + hour
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start + hour).map(\.state) == [.firing])
    }

    /// Nor does one answer resolve: while nothing new was checked, the alert of a condition that
    /// is gone stays firing; only checks bearing on it count towards resolving.
    @Test func onlyNewChecksCountTowardsResolving() {
        let rules = AlertRules(observationConsecutiveToFire: 1, consecutiveToResolve: 2)
        var lifecycle = AlertLifecycle()
        let condition = delisted("P1")
        #expect(lifecycle.step(conditions: [condition], rules: rules, now: start).map(\.state) == [.firing])
        var checked = false
        func step(_ minutes: Double) -> [AlertEvent] {
            lifecycle.step(conditions: [], rules: rules, now: start + minutes * 60, hasNewEvidence: { _ in checked })
        }
        checked = true
        #expect(step(1).isEmpty, "one answer: resolving, not resolved")
        checked = false
        for minute in 2...6 { #expect(step(Double(minute)).isEmpty, "no new check, nothing moves") }
        #expect(lifecycle.active.map(\.condition.key) == [condition.key])
        checked = true
        #expect(step(7).map(\.state) == [.resolved])
        #expect(lifecycle.entries.isEmpty)

        // Kinds not concluded from checks resolve by evaluations, as before.
        #expect(lifecycle.step(conditions: [belowTarget], rules: rules, now: start).map(\.state) == [.firing])
        checked = false
        #expect(step(8).isEmpty)
        #expect(step(9).map(\.state) == [.resolved])
    }

    @Test func coverageConditionFiresOnFirstEvaluationByDefault() {
        var lifecycle = AlertLifecycle()
        let events = lifecycle.step(conditions: [belowTarget], rules: AlertRules(), now: start)
        #expect(events.map(\.state) == [.firing])
        #expect(events.first?.kind == .coverageBelowTarget)
    }

    @Test func doesNotFireAgainWhileFiring() {
        let rules = AlertRules(reminderInterval: nil)
        var lifecycle = AlertLifecycle()
        #expect(lifecycle.step(conditions: [belowTarget], rules: rules, now: start).count == 1)
        for step in 1...50 {
            #expect(lifecycle.step(conditions: [belowTarget], rules: rules, now: start + Double(step) * hour).isEmpty)
        }
    }

    @Test func remindersAreSpacedByTheInterval() {
        let rules = AlertRules(reminderInterval: 24 * hour)
        var lifecycle = AlertLifecycle()
        var reminders: [Date] = []
        for step in 0...72 {
            let now = start + Double(step) * hour
            for event in lifecycle.step(conditions: [belowTarget], rules: rules, now: now) where event.state == .reminder {
                reminders.append(event.time)
            }
        }
        #expect(reminders == [start + 24 * hour, start + 48 * hour, start + 72 * hour])
    }

    @Test func resolvesOnceAfterMConsecutiveAbsences() {
        let rules = AlertRules(consecutiveToResolve: 3)
        var lifecycle = AlertLifecycle()
        _ = lifecycle.step(conditions: [belowTarget], rules: rules, now: start)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + hour).isEmpty)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + 2 * hour).isEmpty)
        #expect(lifecycle.active.count == 1, "still firing while resolving")
        let events = lifecycle.step(conditions: [], rules: rules, now: start + 3 * hour)
        #expect(events.map(\.state) == [.resolved])
        #expect(events.first?.message == belowTarget.message)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + 4 * hour).isEmpty)
        #expect(lifecycle.entries.isEmpty)
    }

    @Test func returningDuringResolutionKeepsTheAlertFiringSilently() {
        let rules = AlertRules(consecutiveToResolve: 2, reminderInterval: nil)
        var lifecycle = AlertLifecycle()
        _ = lifecycle.step(conditions: [belowTarget], rules: rules, now: start)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + hour).isEmpty)
        #expect(lifecycle.step(conditions: [belowTarget], rules: rules, now: start + 2 * hour).isEmpty)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + 3 * hour).isEmpty)
        #expect(lifecycle.step(conditions: [], rules: rules, now: start + 4 * hour).map(\.state) == [.resolved])
        #expect(lifecycle.entries.isEmpty)
    }

    @Test func restoredStateDoesNotFireAgain() throws {
        let rules = AlertRules(reminderInterval: 24 * hour)
        var lifecycle = AlertLifecycle()
        let conditions = [belowTarget, delisted("P1")]
        _ = lifecycle.step(conditions: conditions, rules: rules, now: start)
        #expect(lifecycle.step(conditions: conditions, rules: rules, now: start + hour).map(\.state) == [.firing])

        let saved = try JSONEncoder().encode(lifecycle)
        var restored = try JSONDecoder().decode(AlertLifecycle.self, from: saved)
        #expect(restored == lifecycle)
        #expect(restored.step(conditions: conditions, rules: rules, now: start + 2 * hour).isEmpty)
        let reminders = restored.step(conditions: conditions, rules: rules, now: start + 24 * hour)
        #expect(reminders.map(\.state) == [.reminder])
        #expect(reminders.map(\.key) == [belowTarget.key])
    }

    @Test func recordsSaveOnlyWhatChangedAndEarlierFormatsStillLoad() throws {
        let rules = AlertRules(observationConsecutiveToFire: 2)
        var lifecycle = AlertLifecycle()
        let conditions = [belowTarget, delisted("P1"), delisted("P2", on: .lazada), degraded(.tiki)]
        _ = lifecycle.step(conditions: conditions, rules: rules, now: start)
        let first = lifecycle
        _ = lifecycle.step(conditions: [belowTarget, delisted("P1")], rules: rules, now: start + 0.5 + hour)
        #expect(Set(lifecycle.entries.values.map(\.state)).count > 1, "pending, firing and resolving entries alike")

        let all = lifecycle.records(changedSince: AlertLifecycle())
        let records = try all.saving.dictionary()
        #expect(Set(records.keys) == Set(lifecycle.entries.keys))
        #expect(all.removing.isEmpty)
        #expect(try AlertLifecycle(records: records.values) == lifecycle)
        #expect(lifecycle.records(changedSince: lifecycle).saving.isEmpty, "nothing changed, nothing saved")

        // Saving the changes onto the records of `first` gives the records of `lifecycle`.
        var stored = try first.records(changedSince: AlertLifecycle()).saving.dictionary()
        let changes = lifecycle.records(changedSince: first)
        #expect(changes.saving.keys.count < lifecycle.entries.count)
        for key in changes.removing { stored[key] = nil }
        stored.merge(try changes.saving.dictionary()) { _, new in new }
        #expect(try AlertLifecycle(records: stored.values) == lifecycle)

        // State stored whole by earlier versions: JSON lines, and before them one document.
        let lines = Data(records.values.map { $0 + Data("\n".utf8) }.joined())
        #expect(try AlertLifecycle(storedData: lines) == lifecycle)
        #expect(try AlertLifecycle(storedData: JSONEncoder().encode(lifecycle)) == lifecycle)
        #expect(try AlertLifecycle(storedData: Data()) == AlertLifecycle())
        #expect(throws: (any Error).self) { try AlertLifecycle(storedData: Data("{\"nonsense\": 1}\n".utf8)) }
    }

    @Test func fiveHundredDelistingsOfOneMarketplaceBecomeOneEvent() throws {
        let rules = AlertRules(observationConsecutiveToFire: 1, consecutiveToResolve: 1, groupThreshold: 10)
        var lifecycle = AlertLifecycle()
        let many = (0..<500).map { delisted(String(format: "P%03d", $0)) }
        let few = (0..<3).map { delisted("T\($0)", on: .tiki) }
        let events = lifecycle.step(conditions: many + few + [belowTarget], rules: rules, now: start)

        let grouped = try #require(events.first { $0.key == "listing_delisted:group:shopee" })
        #expect(grouped.count == 500)
        #expect(grouped.state == .firing)
        #expect(grouped.marketplace == .shopee)
        #expect(grouped.sample == (0..<5).map { String(format: "https://shopee.vn/P%03d", $0) })
        #expect(events.filter { $0.kind == .listingDelisted && $0.marketplace == .tiki }.count == 3)
        #expect(events.count == 1 + 3 + 1)
        #expect(lifecycle.entries.count == 504, "every item is still tracked")

        // Ten come back online: exactly ten individual resolutions, no group.
        let resolved = lifecycle.step(conditions: Array(many.dropFirst(10)) + few + [belowTarget], rules: rules, now: start + hour)
        #expect(resolved.map(\.state) == Array(repeating: .resolved, count: 10))
        #expect(Set(resolved.map(\.key)) == Set(many.prefix(10).map(\.key)))

        // The rest come back: one grouped resolution.
        let rest = lifecycle.step(conditions: few + [belowTarget], rules: rules, now: start + 2 * hour)
        #expect(rest.count == 1)
        #expect(rest.first?.key == "listing_delisted:group:shopee")
        #expect(rest.first?.state == .resolved)
        #expect(rest.first?.count == 490)
    }

    @Test func batchesUpToTheThresholdStayIndividual() {
        let rules = AlertRules(observationConsecutiveToFire: 1, groupThreshold: 10)
        var lifecycle = AlertLifecycle()
        let events = lifecycle.step(conditions: (0..<10).map { delisted("P\($0)") }, rules: rules, now: start)
        #expect(events.count == 10)
        #expect(events.allSatisfy { $0.count == nil })
    }

    @Test func degradedMarketplaceSilencesAndFreezesItsListingAlerts() {
        let rules = AlertRules(observationConsecutiveToFire: 1, consecutiveToResolve: 1, reminderInterval: hour)
        var lifecycle = AlertLifecycle()
        let old = delisted("P1")
        #expect(lifecycle.step(conditions: [old], rules: rules, now: start).map(\.state) == [.firing])

        // Shopee becomes unreadable: the old alert neither reminds nor resolves, new ones stay quiet,
        // other marketplaces carry on.
        let fresh = delisted("P2")
        let other = delisted("P3", on: .tiki)
        let events = lifecycle.step(conditions: [degraded(.shopee), fresh, other], rules: rules, now: start + 5 * hour)
        #expect(events.map(\.key).sorted() == ["adapter_degraded:shopee", other.key])
        #expect(lifecycle.entries[fresh.key] == nil)
        #expect(lifecycle.entries[old.key]?.firingSince == start)
        #expect(
            lifecycle.step(conditions: [degraded(.shopee), other], rules: rules, now: start + 6 * hour)
                .filter { $0.kind == .listingDelisted && $0.marketplace == .shopee }.isEmpty)
        #expect(lifecycle.entries[old.key]?.firingSince == start)

        // Shopee is readable again and the listing is back: now it resolves.
        let back = lifecycle.step(conditions: [other], rules: rules, now: start + 7 * hour)
        #expect(back.contains { $0.key == old.key && $0.state == .resolved })
        #expect(back.contains { $0.key == "adapter_degraded:shopee" && $0.state == .resolved })
    }

    @Test func degradedSuppressionLeavesProductLevelAlertsAlone() {
        let rules = AlertRules(observationConsecutiveToFire: 1)
        var lifecycle = AlertLifecycle()
        let lost = AlertCondition(
            key: "product_lost_coverage:P1",
            kind: .productLostCoverage,
            severity: .warning,
            message: "lost",
            product: "P1"
        )
        let events = lifecycle.step(conditions: [degraded(.shopee), lost], rules: rules, now: start)
        #expect(events.map(\.key) == ["adapter_degraded:shopee", lost.key])
    }

    @Test func ofTwoConditionsWithOneKeyTheLastCounts() {
        var first = delisted("P1")
        first.message = "first wording"
        var last = delisted("P1")
        last.message = "last wording"
        var lifecycle = AlertLifecycle()
        let rules = AlertRules(observationConsecutiveToFire: 1)
        let events = lifecycle.step(conditions: [first, delisted("P2"), last], rules: rules, now: start)
        #expect(events.map(\.key) == [delisted("P1").key, delisted("P2").key])
        #expect(events.first?.message == "last wording")
        #expect(lifecycle.entries[first.key]?.condition.message == "last wording")
        // Tracked keys and present conditions are walked in step: an alert of neither end moves.
        let again = lifecycle.step(conditions: [delisted("P2"), delisted("P3"), last], rules: rules, now: start + hour)
        #expect(again.map(\.key) == [delisted("P3").key])
        #expect(lifecycle.entries.keys.sorted() == [delisted("P1").key, delisted("P2").key, delisted("P3").key])
    }
}
