public import Foundation

/// Splits alert events by district, for the per-district digest files an operator can forward
/// to each district's officer (`alerts.region_digests`).
///
/// Pure: events and the catalog's products in, events per district code out. An event belongs
/// to a district through its product (listing and product alerts), its key
/// (`coverage_below_target:district:<code>`) or its region label; marketplace-wide and
/// province-wide events (`adapter_degraded`, `no_successful_pass`, overall coverage) belong to
/// none and stay in the main log only. Each district's events are grouped on their own, so a
/// marketplace incident touching thirty products of one district is one line in that
/// district's file rather than thirty, and a district touched by three of them gets three.
public enum AlertDigest {
    /// The events of each district, grouped by ``AlertLifecycle/group(_:rules:time:)`` within the
    /// district, keyed by district code (or label, when a product's district has no code).
    ///
    /// - Parameter events: Ungrouped events, from ``AlertLifecycle/advance(conditions:rules:now:hasNewEvidence:)``.
    public static func byDistrict(
        _ events: [AlertEvent],
        products: [Product],
        rules: AlertRules,
        time: Date
    ) -> [String: [AlertEvent]] {
        var productDistricts: [String: String] = [:]
        var labelDistricts: [String: String] = [:]
        for product in products {
            let code = product.region.districtKey
            productDistricts[product.id] = code
            labelDistricts[product.region.districtLabel] = code
        }
        let districtKey = "\(AlertKind.coverageBelowTarget.rawValue):district:"
        var routed: [String: [AlertEvent]] = [:]
        for event in events {
            let district: String?
            if let product = event.product {
                district = productDistricts[product]
            } else if event.key.hasPrefix(districtKey) {
                district = String(event.key.dropFirst(districtKey.count))
            } else {
                district = event.region.flatMap { labelDistricts[$0] }
            }
            guard let district else { continue }
            routed[district, default: []].append(event)
        }
        return routed.mapValues { AlertLifecycle.group($0, rules: rules, time: time) }
    }

    /// A district code made safe for a file name: letters (Vietnamese ones too, composed),
    /// digits, `-`, `_` and `.` are kept, anything else becomes `_`, so `VN-2019:D:866` is
    /// `alerts-VN-2019_D_866.jsonl` and a district known only by its name, `Thành phố Cao Lãnh`,
    /// is `alerts-Thành_phố_Cao_Lãnh.jsonl`: readable, and apart from a name that differs by its
    /// diacritics alone.
    public static func fileName(forDistrict code: String) -> String {
        let safe = code.precomposedStringWithCanonicalMapping.unicodeScalars.map { scalar -> String in
            let allowed = CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)
            return allowed ? String(scalar) : "_"
        }
        .joined()
        return "alerts-\(safe.isEmpty ? "_" : safe).jsonl"
    }
}
