/// Who sells a listing relative to the producer; provinces' "100 %" claims often count
/// pavilions and postal booths, so coverage can be restricted to `ownShop`.
public enum SellerRelation: String, Codable, Sendable, CaseIterable, Hashable {
    case ownShop = "own_shop"
    case authorizedDistributor = "authorized_distributor"
    case provincialPavilion = "provincial_pavilion"
    case postalBooth = "postal_booth"
    case reseller
    case unknown
}
