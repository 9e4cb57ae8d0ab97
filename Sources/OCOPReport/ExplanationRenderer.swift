public import Foundation
public import OCOPCore

/// Renders `ocop-watch coverage --explain PRODUCT_ID`: why one product counts as covered,
/// uncovered or unverified, down to the checks behind the verdict.
///
/// An officer challenged on a figure needs the evidence, not the conclusion: each listing is
/// shown with its last few observations (time, status, reason, HTTP status, final URL).
public struct ExplanationRenderer: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// How many observations to show per listing, newest first.
        public var observationsPerListing: Int
        /// The zone in which times are shown (the province's).
        public var timeZone: TimeZone

        public init(observationsPerListing: Int = 5, timeZone: TimeZone = AlertRules.provinceTimeZone) {
            self.observationsPerListing = observationsPerListing
            self.timeZone = timeZone
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// - Parameters:
    ///   - coverage: The product's verdict, from the coverage report or
    ///     `CoverageCalculator.evaluate(_:evidence:now:)`.
    ///   - producer: The producer, when the catalog has it.
    ///   - listings: The product's listings from the catalog.
    ///   - observations: Observations per listing, in any order; the newest are shown.
    ///   - counted: The listings the coverage rules let count (open channel, seller in scope),
    ///     so that each listing says whether it could; `nil` leaves that unsaid.
    ///   - now: The day against which the certificate's validity is read.
    public func render(
        _ coverage: ProductCoverage,
        producer: Producer?,
        listings: [Listing],
        observations: [ListingKey: [Observation]],
        counted: Set<ListingKey>? = nil,
        now: Date = Date()
    ) -> String {
        let product = coverage.product
        let facts = [
            ("Sản phẩm / Product", "\(product.name) [\(product.id)]"),
            ("Chủ thể / Producer", producer.map { "\($0.name) [\($0.id), \($0.type)]" } ?? product.producerID),
            ("Địa bàn / Region", regionText(product.region)),
            ("Hạng / Stars", "\(product.stars)★, nhóm / group \(product.group)"),
            ("Chứng nhận / Certificate", certificateText(product, today: configuration.timeZone.civilDate(of: now))),
            ("Trạng thái / State", Self.stateText(coverage.state)),
        ]
        let width = facts.map { TextTable.displayWidth(of: $0.0) }.max() ?? 0
        var lines = facts.map { title, value in
            "\(title):" + String(repeating: " ", count: width - TextTable.displayWidth(of: title) + 1)
                + TextTable.clean(value)
        }
        lines += ["", "Lý do / Reasons:"]
        lines += coverage.reasons.map { "  - \(TextTable.clean($0))" }
        lines.append("")
        guard !listings.isEmpty else {
            lines.append("Tin đăng / Listings: không có / none in the catalog")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Tin đăng / Listings:")
        let online = Set(coverage.onlineListings)
        for listing in listings.sorted(by: { $0.key < $1.key }) {
            let mark =
                online.contains(listing.key)
                ? "  [online, counted]"
                : counted.map { $0.contains(listing.key) ? "  [counted]" : "  [không tính / not counted]" } ?? ""
            lines.append("")
            lines.append("  \(listing.marketplace)  \(TextTable.clean(listing.url))  (\(listing.sellerRelation.rawValue))\(mark)")
            let recent = (observations[listing.key] ?? []).sorted { $0.checkedAt > $1.checkedAt }
                .prefix(max(0, configuration.observationsPerListing))
            guard !recent.isEmpty else {
                lines.append("    chưa kiểm tra / never checked")
                continue
            }
            let table = TextTable(
                columns: [
                    TextTable.Column("Time", alignment: .left), TextTable.Column("Status", alignment: .left),
                    TextTable.Column("Reason", alignment: .left), TextTable.Column("HTTP", alignment: .right),
                    TextTable.Column("Final URL", alignment: .left),
                ],
                rows: recent.map { observation in
                    [
                        ReportFormat.minute(observation.checkedAt, in: configuration.timeZone),
                        observation.status.rawValue,
                        observation.verdict.reason ?? observation.error ?? "",
                        observation.httpStatus.map(String.init) ?? "",
                        observation.finalURL ?? "",
                    ]
                }
            )
            lines += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func regionText(_ region: Region) -> String {
        let names = [region.communeName, region.districtName, region.provinceName].compactMap { $0 }
        let codes = [region.districtCode.map { "district \($0)" }, region.communeCode.map { "commune \($0)" }]
            .compactMap { $0 }
        let text = names.isEmpty ? "(không rõ / unknown)" : names.joined(separator: ", ")
        return codes.isEmpty ? text : "\(text) [\(codes.joined(separator: ", "))]"
    }

    /// The certificate as the catalog states it; a `valid_until` already past is marked, since
    /// the catalog's status may not have caught up with it.
    func certificateText(_ product: Product, today: CivilDate) -> String {
        var parts = [product.status.rawValue]
        if let number = product.decisionNumber { parts.append("QĐ / decision \(number)") }
        if let date = product.decisionDate { parts.append("ngày / of \(date)") }
        if let until = product.validUntil {
            let past = product.isPastValidUntil(on: today) ? " (đã hết hạn / expired)" : ""
            parts.append("hiệu lực đến / valid until \(until)\(past)")
        }
        return parts.joined(separator: ", ")
    }

    static func stateText(_ state: CoverageState) -> String {
        switch state {
        case .covered: "đã lên sàn / covered"
        case .uncovered: "chưa lên sàn / uncovered"
        case .unverified: "chưa xác minh / unverified"
        }
    }
}
