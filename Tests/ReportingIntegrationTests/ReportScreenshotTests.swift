import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// The demo's HTML report rendered by a real browser: a screenshot at A4 proportions and a PDF
/// print. Skipped, saying why, only when no chromium binary is installed.
///
/// The rendered files are kept in `.build/reporting/` (`demo-report.png`, `demo-report.pdf`) for
/// a person to look at.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "no chromium binary: install Debian's chromium (make test-deps)"))
struct ReportScreenshotTests {
    @Test func theDemoReportRendersInHeadlessChromium() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        try await demo.pass()
        // Four weeks of history before today, and a delisting between today's passes.
        let store = try demo.context().openStore()
        let history = (1...4).map { week in
            let percent = 60 + Double(week) * 2.5
            return CoverageTrendPoint(date: Date() - Double(5 - week) * 7 * 86_400, productPercent: percent, producerPercent: percent + 10)
        }
        try await store.saveState(namespace: "coverage", key: "trend", data: try JSONEncoder().encode(CoverageTrend(points: history)))
        let (product, listing) = try await demo.productWithOneActiveListing(on: .lazada)
        await demo.set(.delisted, listing)
        try await demo.pass()
        try await demo.pass()

        let folder = DemoEnvironment.repository.appendingPathComponent(".build/reporting")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("demo-report.html")
        let written = try await demo.tool(["report", "--output", page.path])
        #expect(written.succeeded, "\(written.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains(">\(product.id)<"))
        #expect(html.contains("<polyline"), "the trend has a line")

        let screenshot = folder.appendingPathComponent("demo-report.png")
        try? FileManager.default.removeItem(at: screenshot)
        let shot = try await Chromium.render(page, to: screenshot)
        #expect(shot.succeeded, "\(shot.stderr.suffix(2000))")
        let png = try Data(contentsOf: screenshot)
        #expect(PNGHeader(png) == PNGHeader(width: 1240, height: 1754))

        // A blank page of the same size compresses to almost nothing; the report does not.
        let blankPage = demo.environment.directory.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: blankPage, atomically: true, encoding: .utf8)
        let blankShot = demo.environment.directory.appendingPathComponent("blank.png")
        #expect(try await Chromium.render(blankPage, to: blankShot).succeeded)
        let blank = try Data(contentsOf: blankShot)
        #expect(png.count > 5 * blank.count, "report \(png.count) bytes vs blank \(blank.count) bytes")

        let pdf = folder.appendingPathComponent("demo-report.pdf")
        try? FileManager.default.removeItem(at: pdf)
        let printed = try await Chromium.render(page, to: pdf)
        #expect(printed.succeeded, "\(printed.stderr.suffix(2000))")
        let document = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(document.hasPrefix("%PDF-"))
        let pages = document.matches(of: /\/Type\s*\/Page[^s]/).count
        #expect(pages >= 2, "the gap list runs over several A4 pages: \(pages)")
        let boxes = document.matches(of: /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/)
        #expect(!boxes.isEmpty)
        for box in boxes {
            #expect(abs((Double(box.1) ?? 0) - 595.3) < 2 && abs((Double(box.2) ?? 0) - 841.9) < 2, "A4: \(box.0)")
        }
    }
}
