import Foundation
import OCOPCore

extension HTMLReport {
    /// Firing alerts, most severe first: a count per kind, then at most ``alertRowLimit`` rows
    /// of each kind (ninety expiring certificates are one line of the summary, not four pages).
    func alertSection() -> String {
        let firing = alerts.compactMap { entry in entry.firingSince.map { (entry.condition, $0) } }
            .sorted { ($1.0.severity, $0.0.key) < ($0.0.severity, $1.0.key) }
        var html = """
            <section id="alerts">
            <h2>Cảnh báo đang bật / Firing alerts (\(firing.count))</h2>

            """
        guard !firing.isEmpty else {
            let note =
                passCompleted
                ? "Không có cảnh báo / No alert is firing."
                : "Cảnh báo chưa được đánh giá / Alerts have not been evaluated: no pass has completed yet."
            return html + "<p class=\"note\">\(note)</p>\n</section>\n\n"
        }
        var kinds: [AlertKind] = []
        var byKind: [AlertKind: [(AlertCondition, Date)]] = [:]
        for item in firing {
            if byKind[item.0.kind] == nil { kinds.append(item.0.kind) }
            byKind[item.0.kind, default: []].append(item)
        }
        let summary = kinds.map { "\(Self.escape($0.rawValue)) \(byKind[$0]?.count ?? 0)" }.joined(separator: " · ")
        html += """
            <p class="meta">\(summary)</p>
            <table>
            <thead><tr><th>Từ / Since</th><th>Mức / Severity</th><th>Loại / Kind</th><th>Nội dung / Message</th></tr></thead>
            <tbody>

            """
        for kind in kinds {
            let items = byKind[kind] ?? []
            for (condition, since) in items.prefix(Self.alertRowLimit) {
                html +=
                    "<tr><td class=\"nowrap\">\(Self.escape(ReportFormat.minute(since, in: timeZone)))</td>"
                    + "<td><span class=\"severity \(condition.severity.rawValue)\">\(condition.severity.rawValue)</span></td>"
                    + "<td>\(Self.escape(condition.kind.rawValue))</td><td>\(Self.escape(condition.message))</td></tr>\n"
            }
            if items.count > Self.alertRowLimit {
                let more = items.count - Self.alertRowLimit
                html +=
                    "<tr><td colspan=\"4\" class=\"note\">… và \(more) cảnh báo \(Self.escape(kind.rawValue)) khác / "
                    + "and \(more) more \(Self.escape(kind.rawValue)) (ocop-watch alerts)</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }

    /// Rows shown per alert kind in the alert section.
    static let alertRowLimit = 10

    /// Products whose state moved since the baseline, gaps first; at most
    /// ``changeRowLimit`` rows per kind of move, then a count of the rest.
    func changesSection() -> String {
        guard let changes else {
            return """
                <section id="changes">
                <h2>Thay đổi / Changes</h2>
                <p class="note">Chưa có lịch sử / No history yet.</p>
                </section>


                """
        }
        let since =
            ReportFormat.vietnameseDay(changes.since, in: timeZone) + " "
            + String(ReportFormat.minute(changes.since, in: timeZone).suffix(5))
        func share(_ states: ProductStates) -> String {
            let percent = states.count == 0 ? 0 : Double(states.covered.count) * 100 / Double(states.count)
            return "\(states.covered.count)/\(states.count) (\(ReportFormat.percent(percent, comma: true)) %)"
        }
        var html = """
            <section id="changes">
            <h2>Thay đổi từ \(Self.escape(since)) / Changes since \(Self.escape(since))</h2>
            <p class="meta">Sản phẩm đã lên sàn / Products covered: \(share(changes.before)) → \(share(changes.after)) · \
            mới lên sàn / newly covered \(changes.newlyCovered.count) · \
            mới chưa lên sàn / newly uncovered \(changes.newlyUncovered.count) · \
            mới chưa xác minh / newly unverified \(changes.newlyUnverified.count)</p>

            """
        let moves = changes.newlyUncovered + changes.newlyUnverified + changes.newlyCovered
        guard !moves.isEmpty else {
            return html + "<p class=\"note\">Không có thay đổi / No change.</p>\n</section>\n\n"
        }
        html += """
            <table>
            <thead><tr><th>Mã / ID</th><th>Sản phẩm / Product</th><th>Huyện / District</th>\
            <th>Trước → Nay / Before → Now</th><th>Lý do / Reason</th></tr></thead>
            <tbody>

            """
        for state in [CoverageState.uncovered, .unverified, .covered] {
            let rows = changes.changes(to: state)
            for change in rows.prefix(Self.changeRowLimit) {
                let from = change.from.map(ExplanationRenderer.stateText) ?? "chưa tính / not counted"
                html +=
                    "<tr><td class=\"nowrap\">\(Self.escape(change.product.id))</td>"
                    + "<td>\(Self.escape(change.product.name))</td>"
                    + "<td>\(Self.escape(change.product.region.districtLabel))</td>"
                    + "<td><span class=\"state \(change.to.rawValue)\">\(Self.escape(from)) → "
                    + "\(Self.escape(ExplanationRenderer.stateText(change.to)))</span></td>"
                    + "<td>\(Self.escape(change.reason ?? ""))</td></tr>\n"
            }
            if rows.count > Self.changeRowLimit {
                html +=
                    "<tr><td colspan=\"5\" class=\"note\">… và \(rows.count - Self.changeRowLimit) sản phẩm khác / "
                    + "and \(rows.count - Self.changeRowLimit) more (ocop-watch coverage --changes)</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }

    /// Rows shown per kind of move in the changes section.
    static let changeRowLimit = 50

    /// Rows per list of products not covered. A province has a few hundred; a national catalog
    /// on its first day has tens of thousands unverified, a page no one reads that took a
    /// second to render after every batch. The JSON output of `coverage` lists every gap.
    public static let gapRowLimit = 500

    /// The products a list of `state` shows, in its order: districts by official code, products
    /// in natural id order (P2 < P10), at most ``gapRowLimit``; and how many it stands for.
    static func gaps(of coverage: CoverageReport, state: CoverageState) -> (shown: [ProductCoverage], total: Int) {
        let items = coverage.productCoverage.filter { $0.state == state }
        let sorted = items.sorted { lhs, rhs in
            let left = lhs.product.region.districtKey
            let right = rhs.product.region.districtKey
            if left != right { return numericPrecedes(left, right) }
            return numericPrecedes(lhs.product.id, rhs.product.id)
        }
        return (Array(sorted.prefix(gapRowLimit)), items.count)
    }

    /// `lhs.compare(rhs, options: .numeric) == .orderedAscending`, from the bytes when they
    /// decide it (ids and district codes of one catalog nearly always do): through Foundation,
    /// sorting 50,000 unverified products took 0.3 s.
    private static func numericPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        StandardOrder.fastPrecedes(lhs, rhs) ?? (lhs.compare(rhs, options: .numeric) == .orderedAscending)
    }

    func productSection(id: String, title: String, state: CoverageState) -> String {
        let list = gapLists.first { $0.state == state }
        let items: [ProductCoverage] = list?.shown ?? []
        let total = list?.total ?? 0
        var html = """
            <section id="\(Self.escape(id))">
            <h2>\(Self.escape(title)) (\(total))</h2>

            """
        guard !items.isEmpty else {
            return html + "<p class=\"note\">Không có / None.</p>\n</section>\n\n"
        }
        let producerNames = Dictionary(producers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Only the shown products' listings: a caller may pass every listing's evidence, tens of
        // thousands in a national catalog.
        let shown = Set(items.lazy.map(\.product.id))
        let evidenceByProduct = Dictionary(
            grouping: evidence.lazy.filter { shown.contains($0.listing.productID) },
            by: \.listing.productID
        )
        html += """
            <table>
            <thead><tr><th>Mã / ID</th><th>Sản phẩm / Product</th><th>Chủ thể / Producer</th><th>Huyện / District</th>\
            <th>Sao</th><th>Bằng chứng gần nhất / Last evidence</th></tr></thead>
            <tbody>

            """
        for item in items {
            let product = item.product
            let producer = producerNames[product.producerID] ?? product.producerID
            html +=
                "<tr><td class=\"nowrap\">\(Self.escape(product.id))</td><td>\(Self.escape(product.name))</td>"
                + "<td>\(Self.escape(producer))</td><td>\(Self.escape(product.region.districtLabel))</td>"
                + "<td class=\"number\">\(product.stars)★</td>"
                + "<td>\(lastEvidence(evidenceByProduct[product.id] ?? []))</td></tr>\n"
        }
        if total > items.count {
            html +=
                "<tr><td colspan=\"6\" class=\"note\">… và \(total - items.count) sản phẩm khác / "
                + "and \(total - items.count) more (ocop-watch coverage --format json lists every gap)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n\n"
    }

    /// The newest check among a product's listings that count, already escaped; among the
    /// others, marked as not counted, when none counts. (The newest of all showed an uncovered
    /// product's closed Sendo listing, or its reseller's `active` one, instead of the reason.)
    func lastEvidence(_ all: [ListingEvidence]) -> String {
        guard !all.isEmpty else { return "Chưa có tin đăng / No listing known" }
        let counted = all.filter { coverage.rules.counts($0.listing, at: coverage.generatedAt) }
        let listings = counted.isEmpty ? all : counted
        let note = counted.isEmpty ? " (không tính / not counted)" : ""
        let checked = listings.compactMap { item in item.latest.map { (item, $0) } }
        guard
            let (newest, latest) = checked.max(by: {
                ($0.1.checkedAt, $1.0.listing.url) < ($1.1.checkedAt, $0.0.listing.url)
            })
        else {
            return "Chưa kiểm tra / Never checked (\(listings.count) tin đăng / listings)"
        }
        var text = describe(latest) + note
        if let conclusive = newest.latestConclusive, conclusive != latest {
            text += "; kết luận gần nhất / last conclusive: \(describe(conclusive))"
        }
        return Self.escape(text) + "<br><span class=\"url\">\(Self.escape(newest.listing.url))</span>"
    }

    private func describe(_ observation: Observation) -> String {
        var text = "\(observation.marketplace) · \(observation.status.rawValue)"
        if let reason = observation.verdict.reason ?? observation.error { text += " (\(reason))" }
        text += " · \(ReportFormat.vietnameseDay(observation.checkedAt, in: timeZone))"
        if let status = observation.httpStatus { text += " · HTTP \(status)" }
        return text
    }
}
