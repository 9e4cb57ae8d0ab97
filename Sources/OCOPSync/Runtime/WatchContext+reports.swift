import Foundation
import Logging
import OCOPConfig
public import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

extension WatchContext {
    /// `coverage [--by D] [--format F]`: the figures of the last publication while they hold,
    /// else computed from the store; nothing fetched, nothing written.
    ///
    /// - Parameter now: The moment the figures are for (and the header says).
    public func coverageText(by dimension: CoverageDimension?, format: String, now: Date = Date()) async throws -> String {
        let store = try openExistingStore()
        let renderer = CoverageRenderer()
        let all = dimension.map { [$0] } ?? CoverageDimension.allCases
        switch format {
        case "json":
            let (figures, _) = try await coverageFigures(store: store, dimensions: all, includingGaps: true, now: now)
            return try renderer.json(figures, by: dimension)
        case "csv":
            let (figures, _) = try await coverageFigures(store: store, dimensions: all, includingGaps: false, now: now)
            return renderer.csv(figures, by: dimension)
        default:
            let shown = renderer.dimensions(by: dimension)
            let (figures, _) = try await coverageFigures(store: store, dimensions: shown, includingGaps: false, now: now)
            let table = renderer.table(figures, by: dimension)
            guard figures.products.total == 0 else {
                return try await store.lastCompletedPass() == nil ? table + "\n" + Self.noCompletedPassNote + "\n" : table
            }
            return table + "\nNo products counted yet: import the catalog (ocop-watch catalog import FILE…, or name "
                + "the files under catalog.files and run ocop-watch sync --once).\n"
        }
    }

    /// `coverage --explain ID`: each listing, its last verdicts, and why the product counts as it does.
    public func explain(productID: String) async throws -> String {
        let store = try openExistingStore()
        let input = try await currentCoverage(store: store)
        let report = input.report
        guard let counted = report.coverage(ofProduct: productID) else {
            if let product = input.products.first(where: { $0.id == productID }) {
                return "\(product.id) \(product.name): not counted (certificate \(product.status.rawValue), "
                    + "e-commerce required: \(product.ecommerceRequired))"
            }
            guard let example = input.products.first?.id else {
                throw WatchError(
                    "no product \(productID): the store holds no catalog yet; import it first "
                        + "(ocop-watch catalog import FILE…)")
            }
            let wanted = productID.trimmingCharacters(in: .whitespaces).uppercased()
            if let near = input.products.first(where: { $0.id.uppercased() == wanted }) {
                throw WatchError("no product \(productID) in the catalog; did you mean \(near.id)?")
            }
            throw WatchError(
                "no product \(productID) in the catalog; use an id from the product_id column of the products file "
                    + "(e.g. \(example))"
            )
        }
        // The report read facts only; this product's observations give each listing's reason.
        let evidence = try await store.evidence(ofProducts: [productID])
        let coverage = CoverageCalculator(rules: coverageRules).evaluate(counted.product, evidence: evidence, now: report.generatedAt)
        let listings = evidence.map(\.listing)
        var observations: [ListingKey: [Observation]] = [:]
        for listing in listings {
            observations[listing.key] = try await store.history(for: listing.key, limit: 5)
        }
        return ExplanationRenderer().render(
            coverage,
            producer: input.producers.first { $0.id == coverage.product.producerID },
            listings: listings,
            observations: observations,
            counted: Set(listings.filter { coverageRules.counts($0, at: report.generatedAt) }.map(\.key)),
            now: report.generatedAt
        )
    }

    /// `coverage --changes [--since SPAN]`: products whose state moved since the newest snapshot
    /// at least `span` old (or the oldest snapshot, when none is that old).
    /// - Parameter width: The terminal's width, which the table keeps within (``TerminalWidth``).
    public func coverageChangesText(since span: TimeInterval, format: String, width: Int? = nil) async throws -> String {
        let store = try openExistingStore()
        let report = try await currentCoverage(store: store).report
        guard let changes = try await changes(to: report, since: span, store: store) else {
            throw WatchError(
                "no coverage snapshot with product states is stored yet; run `ocop-watch sync --once` "
                    + "(or let the daemon finish a batch) and ask again later"
            )
        }
        let renderer = CoverageChangesRenderer(configuration: .init(maximumWidth: width))
        switch format {
        case "json": return try renderer.json(changes, requested: span)
        case "csv": return renderer.csv(changes)
        default: return renderer.table(changes, requested: span)
        }
    }

    /// `report [--output PATH]`: the HTML report from the store.
    public func writeReport(to output: String?) async throws -> String {
        let store = try openExistingStore()
        let input = try await currentCoverage(store: store)
        let coverage = input.report
        var report = HTMLReport(
            coverage: coverage,
            producers: input.producers,
            trend: try await loadTrend(store: store).points,
            alerts: try await loadAlertLifecycle(store: store).active,
            changes: try await changes(to: coverage, since: Self.reportChangesSpan, store: store)
        )
        report.evidence = try await shownEvidence(of: report.listedProducts, store: store)
        report.passCompleted = try await store.lastCompletedPass() != nil
        let html = report.render()
        let path = output ?? configuration.paths.report
        do {
            try WholeFile.write(html.utf8, to: path)
        } catch {
            throw WatchError("cannot write the report: \(error) (or choose another --output)")
        }
        let empty =
            coverage.products.total == 0
            ? " (the store holds no products yet: import the catalog first)"
            : report.passCompleted ? "" : "\n" + Self.noCompletedPassNote
        return "Wrote \(path) (\(html.utf8.count / 1024) KiB): \(coverage.products.percent.percentText) % of products covered"
            + empty
    }

    /// `alerts`: what is firing now, from the stored lifecycle.
    /// - Parameter width: The terminal's width, which the table keeps within (``TerminalWidth``).
    public func firingAlerts(json: Bool, width: Int? = nil) async throws -> String {
        let store = try openExistingStore()
        let active = try await loadAlertLifecycle(store: store).active
        let renderer = AlertListRenderer(configuration: .init(maximumWidth: width))
        if json { return try renderer.json(active) }
        if active.isEmpty, try await store.lastCompletedPass() == nil {
            return "Cảnh báo chưa được đánh giá / Alerts have not been evaluated: no pass has completed yet; "
                + "run ocop-watch sync --once (or let the daemon finish a batch).\n"
        }
        return renderer.table(active)
    }

    /// Said beside figures while no pass has completed (the catalog just imported, a `sync
    /// --once` interrupted): they count only the listings checked so far.
    static let noCompletedPassNote =
        "Chưa có lượt kiểm tra nào hoàn tất / No pass has completed yet: these figures count only the listings "
        + "checked so far; run ocop-watch sync --once to check them all (or, with the daemon running, wait for "
        + "its first batch)."
}
