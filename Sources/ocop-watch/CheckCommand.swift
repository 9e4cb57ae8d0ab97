import ArgumentParser
import OCOPCore
import OCOPSync

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one listing now, or interpret a saved response offline.",
        discussion: """
            Prints the verdict and the evidence (HTTP status, final URL, what was matched). Marketplace ids: \
            tiki, lazada, shopee, sendo, tiktok_shop, website, feed.

            Examples:
              ocop-watch check https://tiki.vn/tra-sen-p274850011.html?spid=274850013
              ocop-watch check --format json https://shopee.vn/x-i.1122334455.23456789012
              ocop-watch check --marketplace lazada --file saved.html \\
                  --url https://www.lazada.vn/products/x-i123.html
              ocop-watch check --marketplace shopee --file body.json --http-status 403
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The listing URL to fetch now.") var url: String?

    @Option(name: .long, help: "Marketplace id, for --file.") var marketplace: String?
    @Option(name: .long, help: "A saved response body to interpret offline.") var file: String?
    @Option(name: .customLong("url"), help: "The listing URL the saved response belongs to.") var listingURL: String?
    @Option(name: .long, help: "The HTTP status of the saved response (default 200).") var httpStatus: Int = 200
    @Option(name: .long, help: "The final URL after redirects of the saved response.") var finalURL: String?
    @Option(name: .long, help: "text or json.") var format: Format = .text

    func validate() throws {
        if file == nil, url == nil {
            throw ValidationError("give a listing URL, or --marketplace and --file to interpret a saved response")
        }
        if file != nil, marketplace == nil {
            throw ValidationError("--file needs --marketplace (tiki, lazada, shopee, sendo, tiktok_shop, website, feed)")
        }
        if file != nil, url != nil {
            throw ValidationError("give either a URL to fetch or --file, not both (use --url for the saved response's URL)")
        }
        let known = (MarketplaceID.marketplaces + [.website, .feed]).map(\.rawValue)
        if let marketplace, !known.contains(marketplace) {
            throw ValidationError("unknown marketplace '\(marketplace)'; use one of \(known.joined(separator: ", "))")
        }
        if !(100...599).contains(httpStatus) {
            throw ValidationError("--http-status \(httpStatus) is not an HTTP status; give 100–599 (200 when omitted)")
        }
    }

    func run() async throws {
        let context = try options.context(command: "check", needsFile: false)
        let json = format == .json
        if let file, let marketplace {
            print(
                try context.checkSaved(
                    marketplace: marketplace,
                    file: file,
                    listingURL: listingURL,
                    httpStatus: httpStatus,
                    finalURL: finalURL,
                    json: json
                )
            )
        } else if let url {
            print(try await context.checkLive(url: url, json: json))
        }
    }

    /// What `check` writes: help and errors list exactly these.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }
}
