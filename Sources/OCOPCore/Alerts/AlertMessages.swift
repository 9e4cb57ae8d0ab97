import Foundation

/// The wording of every alert, Vietnamese first and English after ` / `, kept in one place so a
/// translator reads them together. Vietnamese numbers use a decimal comma.
enum AlertMessages {
    static func coverageBelowTarget(
        _ subject: CoverageSubject,
        tally: CoverageTally,
        previous: CoverageTally?
    ) -> String {
        let vietnamese =
            "\(subject.vietnamese): \(percent(tally.percent, comma: true)) dưới mục tiêu "
            + "\(percent(tally.target, comma: true)) (\(tally.covered)/\(tally.total))"
            + (previous.map { ", kỳ trước \(percent($0.percent, comma: true))" } ?? "")
        let english =
            "\(subject.english): \(percent(tally.percent)) below target "
            + "\(percent(tally.target)) (\(tally.covered)/\(tally.total))"
            + (previous.map { ", previous \(percent($0.percent))" } ?? "")
        return "\(vietnamese) / \(english)"
    }

    static func productLostCoverage(_ product: Product, wasCovered: Bool) -> String {
        let name = "\(product.name) (\(product.id))"
        return "Sản phẩm không còn tin đăng nào trên sàn: \(name)"
            + (wasCovered ? ", kỳ trước còn trên sàn" : "")
            + " / Product lost its last online listing: \(name)"
            + (wasCovered ? ", covered at the previous pass" : "")
    }

    static func listing(
        _ status: ListingStatus,
        productName: String,
        productID: String,
        marketplace: MarketplaceID,
        reason: String?
    ) -> String {
        let name = "\(productName) (\(productID))"
        let suffix = reason.map { " [\($0)]" } ?? ""
        switch status {
        case .outOfStock:
            return "Tin đăng hết hàng trên \(marketplace): \(name)\(suffix)"
                + " / Listing out of stock on \(marketplace): \(name)\(suffix)"
        default:
            return "Tin đăng bị gỡ trên \(marketplace): \(name)\(suffix)"
                + " / Listing delisted on \(marketplace): \(name)\(suffix)"
        }
    }

    static func adapterDegraded(
        _ marketplace: MarketplaceID,
        failing: Int,
        total: Int,
        counts: [ListingStatus: Int],
        statuses: Set<ListingStatus>
    ) -> String {
        let share = total == 0 ? 0 : Double(failing) * 100 / Double(total)
        let detail = ListingStatus.allCases.filter(statuses.contains).compactMap { status in
            counts[status].map { "\(status.rawValue) \($0)" }
        }.joined(separator: ", ")
        return "Sàn \(marketplace): \(percent(share, comma: true)) lượt kiểm tra bị chặn hoặc không đọc được "
            + "(\(failing)/\(total): \(detail)), cần kiểm tra adapter hoặc mạng"
            + " / \(marketplace): \(percent(share)) of checks blocked or unreadable "
            + "(\(failing)/\(total): \(detail)); check the adapter or the network"
    }

    static func adapterPaused(_ marketplace: MarketplaceID) -> String {
        "Sàn \(marketplace) chặn các lượt kiểm tra: tạm ngừng gửi yêu cầu, thử lại định kỳ"
            + " / \(marketplace) blocks our checks: requests paused, a probe retries periodically"
    }

    static func noSuccessfulPass(age: TimeInterval?) -> String {
        guard let age else {
            return "Chưa có lượt quét nào kết luận được tin đăng nào / No pass has concluded about any listing yet"
        }
        let hours = Int(age / 3600)
        return "Không có lượt quét kết luận được tin đăng nào trong \(hours) giờ / "
            + "No pass concluded about any listing for \(hours) h"
    }

    static func certificateExpiring(_ product: Product, validUntil: CivilDate, days: Int) -> String {
        let name = "\(product.name) (\(product.id))"
        if days <= 0 {
            return "Giấy chứng nhận OCOP của \(name) đã hết hạn ngày \(validUntil), sản phẩm chưa được xác nhận trên sàn"
                + " / OCOP certificate of \(name) expired on \(validUntil); product not confirmed online"
        }
        return "Giấy chứng nhận OCOP của \(name) hết hạn ngày \(validUntil) (còn \(days) ngày), sản phẩm chưa được xác nhận trên sàn"
            + " / OCOP certificate of \(name) expires on \(validUntil) (in \(days) days); product not confirmed online"
    }

    static func group(_ kind: AlertKind, count: Int, marketplace: MarketplaceID?) -> String {
        let whereVietnamese = marketplace.map { " trên \($0)" } ?? ""
        let whereEnglish = marketplace.map { " on \($0)" } ?? ""
        switch kind {
        case .listingDelisted:
            return "\(count) tin đăng bị gỡ\(whereVietnamese) / \(count) listings delisted\(whereEnglish)"
        case .listingOutOfStock:
            return "\(count) tin đăng hết hàng\(whereVietnamese) / \(count) listings out of stock\(whereEnglish)"
        case .productLostCoverage:
            return "\(count) sản phẩm không còn tin đăng nào trên sàn"
                + " / \(count) products lost their last online listing"
        case .certificateExpiring:
            return "\(count) giấy chứng nhận OCOP sắp hết hạn khi sản phẩm chưa được xác nhận trên sàn"
                + " / \(count) OCOP certificates expiring on products not confirmed online"
        case .coverageBelowTarget, .adapterDegraded, .noSuccessfulPass:
            return "\(count) cảnh báo \(kind.rawValue)\(whereVietnamese) / \(count) \(kind.rawValue) alerts\(whereEnglish)"
        }
    }

    /// `72.4 %`, or `72,4 %` with a decimal comma; whole numbers print without decimals. Cut,
    /// not rounded (``Swift/Double/truncated(decimals:)``): 99.95 % reads `99,9 %`, not `100 %`.
    static func percent(_ value: Double, comma: Bool = false) -> String {
        let cut = value.truncated(decimals: 1)
        let text =
            cut == cut.rounded()
            ? String(Int(cut))
            : String(format: "%.1f", cut)
        return (comma ? text.replacingOccurrences(of: ".", with: ",") : text) + " %"
    }
}

/// Whose coverage a `coverage_below_target` message speaks of.
enum CoverageSubject {
    case products
    case producers
    case district(String)

    var vietnamese: String {
        switch self {
        case .products: "Độ phủ sản phẩm OCOP"
        case .producers: "Độ phủ chủ thể OCOP"
        case .district(let name): "Độ phủ sản phẩm tại \(name)"
        }
    }

    var english: String {
        switch self {
        case .products: "OCOP product coverage"
        case .producers: "OCOP producer coverage"
        case .district(let name): "Product coverage in \(name)"
        }
    }
}
