import Foundation
import OCOPConfig
import OCOPStore
import Testing

@testable import OCOPSync

/// Until a pass completes (the catalog just imported, a `sync --once` interrupted), the figures
/// count only the listings checked so far and no alert has been evaluated: `coverage`, `report`
/// and `alerts` say so, so a partial figure is not sent upward as the province's.
@Suite(.serialized) struct PassCompletionOnDemoTests {
    @Test func figuresSayWhenNoPassHasCompleted() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        let context = try demo.context()
        _ = try await context.importCatalog(files: context.configuration.catalog.files, into: context.openStore())
        // An interrupted pass is closed, but not completed.
        let store = try context.openStore()
        let pass = try await store.beginPass(startedAt: Date(), kind: "once")
        try await store.finishPass(pass, endedAt: Date(), counts: [:], error: "interrupted")

        let coverage = try await demo.tool(["coverage"])
        #expect(coverage.succeeded, "\(coverage.stderr)")
        #expect(coverage.stdout.contains("No pass has completed yet"), "\(coverage.stdout)")
        let alerts = try await demo.tool(["alerts"])
        #expect(alerts.stdout.contains("Alerts have not been evaluated"), "\(alerts.stdout)")
        #expect(!alerts.stdout.contains("No alert is firing"))
        let reportPath = URL(fileURLWithPath: demo.configPath).deletingLastPathComponent().appendingPathComponent("partial.html").path
        let report = try await demo.tool(["report", "--output", reportPath])
        #expect(report.stdout.contains("No pass has completed yet"), "\(report.stdout)")
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(html.contains("No pass has completed yet: these figures count only the listings checked so far"))
        #expect(html.contains("Alerts have not been evaluated"))

        try await demo.pass()
        let after = try await demo.tool(["coverage"])
        #expect(!after.stdout.contains("No pass has completed yet"), "\(after.stdout)")
        let afterAlerts = try await demo.tool(["alerts"])
        #expect(!afterAlerts.stdout.contains("Alerts have not been evaluated"), "\(afterAlerts.stdout)")
        let afterReport = try await demo.tool(["report", "--output", reportPath])
        #expect(!afterReport.stdout.contains("No pass has completed yet"))
        #expect(!(try String(contentsOfFile: reportPath, encoding: .utf8)).contains("No pass has completed yet"))
    }
}
