import Foundation

/// Headless Chromium (Debian's `chromium` package) as the browser that renders the report.
enum Chromium {
    /// `$CHROMIUM`, else the first of `chromium`, `chromium-browser`, `google-chrome` on `PATH`.
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Renders `page` headless into `output`: `--screenshot=` (PNG) at `width`×`height`, or
    /// `--print-to-pdf=` when `output` ends in `.pdf`.
    static func render(_ page: URL, to output: URL, width: Int = 1240, height: Int = 1754) async throws -> ToolResult {
        guard let path else { throw MissingChromium() }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let target =
            output.pathExtension == "pdf"
            ? ["--print-to-pdf=\(output.path)", "--no-pdf-header-footer"]
            : ["--screenshot=\(output.path)", "--window-size=\(width),\(height)", "--hide-scrollbars"]
        return try await Tool.run(
            path,
            ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + target + [page.absoluteString],
            timeout: .seconds(90)
        )
    }

    struct MissingChromium: Error, CustomStringConvertible {
        var description: String { "no chromium binary: install Debian's chromium (`make test-deps`) or set $CHROMIUM" }
    }
}

/// The few facts of a PNG file a test can read without inflating it.
struct PNGHeader: Equatable {
    var width: Int
    var height: Int

    /// Reads the signature and the IHDR chunk; `nil` when `data` is not a PNG.
    init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
        else { return nil }
        func integer(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        width = integer(16)
        height = integer(20)
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
