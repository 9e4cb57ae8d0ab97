import Foundation
import OCOPCore

extension CellFormat {
    /// The platform vocabulary of `catalog-schema.md` §3.5 plus the spellings people use.
    ///
    /// `own_website` becomes ``MarketplaceID/website``, the id the producer-website adapter reads.
    private static let platforms: [String: MarketplaceID] = [
        "tiki": .tiki, "lazada": .lazada, "shopee": .shopee, "sendo": .sendo,
        "tiktok_shop": .tiktokShop, "tiktokshop": .tiktokShop, "tiktok": .tiktokShop,
        "postmart": "postmart", "voso": "voso", "website": .website, "own_website": .website, "other": "other",
    ]

    /// The hosts (and their subdomains) a listing on each marketplace can have.
    private static let marketplaceHosts: [MarketplaceID: [String]] = [
        .tiki: ["tiki.vn"],
        .lazada: ["lazada.vn"],
        .shopee: ["shopee.vn", "shope.ee", "shp.ee"],
        .sendo: ["sendo.vn"],
        .tiktokShop: ["tiktok.com"],
    ]

    static func platform(_ text: String) throws(CellProblem) -> MarketplaceID {
        if let platform = platforms[CatalogColumn.matchKey(text)] { return platform }
        throw CellProblem(
            "\(CellProblem.quote(text)) is not a platform; write tiki, lazada, shopee, sendo, tiktok_shop, "
                + "postmart, voso, website (or own_website) or other"
        )
    }

    /// An absolute `http(s)` link; for the five marketplaces its host must be the marketplace's.
    static func listingURL(_ text: String, platform: MarketplaceID?) throws(CellProblem) -> String {
        guard text.isPrintableASCIIWithoutSpaces || !text.contains(where: \.isWhitespace),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host?.lowercased(), host.contains("."), !host.hasSuffix(".")
        else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a web link; copy the whole address from the browser, "
                    + "starting with https://"
            )
        }
        if let platform, let hosts = marketplaceHosts[platform],
            !hosts.contains(where: { host == $0 || host.hasSuffix("." + $0) })
        {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a \(platform) link (its host should end in "
                    + hosts.joined(separator: " or ") + "); correct the link or the platform column"
            )
        }
        return text
    }
}
