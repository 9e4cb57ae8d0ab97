import OCOPCore

/// Deterministic stand-ins for facts a scenario leaves out, drawn from a stable hash of the item.
struct SyntheticValues {
    let title: String
    let priceVND: Int
    let originalPriceVND: Int
    let seller: String
    let stock: Int
    let sold: Int

    init(marketplace: MarketplaceID, itemID: String) {
        let hash = Self.hash("\(marketplace.rawValue)/\(itemID)")
        let product = Self.products[Int(hash % UInt64(Self.products.count))]
        self.title = product
        self.seller = Self.sellers[Int((hash >> 8) % UInt64(Self.sellers.count))]
        self.priceVND = 30_000 + Int((hash >> 16) % 471) * 1_000
        let markup = [0, 0, 10, 15, 20, 25, 30][Int((hash >> 28) % 7)]
        self.originalPriceVND = (priceVND * (100 + markup) / 100 + 999) / 1_000 * 1_000
        self.stock = 1 + Int((hash >> 32) % 300)
        self.sold = Int((hash >> 42) % 5_000)
    }

    /// 64-bit FNV-1a: stable across runs and platforms.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static let products = [
        "Mật ong hoa nhãn Hưng Yên chai 500ml - OCOP 4 sao",
        "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao",
        "Bánh phồng tôm Sa Giang loại đặc biệt gói 200g",
        "Nem Lai Vung Đồng Tháp hộp 10 chiếc - OCOP 3 sao",
        "Xoài cát Hòa Lộc sấy dẻo túi 250g",
        "Hạt sen sấy giòn Đồng Tháp hũ 200g - OCOP 3 sao",
        "Nước mắm Phú Quốc 40 độ đạm chai 500ml",
        "Cà phê Buôn Ma Thuột rang xay gói 500g - OCOP 4 sao",
        "Gạo ST25 Sóc Trăng túi 5kg - OCOP 5 sao",
        "Kẹo dừa Bến Tre truyền thống hộp 400g",
        "Chè Thái Nguyên Tân Cương hộp 200g - OCOP 5 sao",
        "Tương ớt Mường Khương chai 250ml - OCOP 3 sao",
        "Miến dong Bình Liêu gói 500g - OCOP 4 sao",
        "Mắm tôm chua Huế hũ 300g",
        "Bưởi da xanh sấy dẻo Bến Tre hộp 200g",
        "Dầu tràm Huế nguyên chất chai 50ml - OCOP 4 sao",
    ]

    static let sellers = [
        "HTX Sen Tháp Mười",
        "Đặc Sản Đồng Tháp Official",
        "Nông Sản Tiền Giang Official",
        "HTX Nông nghiệp Tân Cương",
        "Cơ sở Mật ong Hưng Yên",
        "Đặc Sản Bến Tre Mall",
        "OCOP Việt Store",
        "Gian hàng OCOP tỉnh",
    ]
}
