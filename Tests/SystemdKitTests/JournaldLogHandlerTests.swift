import Foundation
import Logging
import SystemdKit
import Testing

@Suite("JournaldLogHandler and TerminalLogHandler")
struct JournaldLogHandlerTests {
    @Test(
        "each level gets its syslog priority prefix",
        arguments: [
            (Logger.Level.critical, 2), (.error, 3), (.warning, 4), (.notice, 5), (.info, 6), (.debug, 7), (.trace, 7),
        ]
    )
    func priorityPrefix(level: Logger.Level, priority: Int) throws {
        let pipe = try CapturePipe()
        var logger = Logger(label: "ocop.sync") {
            JournaldLogHandler(label: $0, fileDescriptor: pipe.writeEnd, metadataProvider: nil)
        }
        logger.logLevel = .trace
        logger.log(level: level, "pass finished")
        #expect(pipe.lines() == ["<\(priority)>ocop.sync: pass finished"])
    }

    @Test("metadata as sorted key=value, quoted when needed; one record stays one line; no timestamp")
    func metadataAndNewlines() throws {
        let pipe = try CapturePipe()
        var logger = Logger(label: "ocop.fetch") {
            JournaldLogHandler(label: $0, fileDescriptor: pipe.writeEnd, metadataProvider: nil)
        }
        logger[metadataKey: "marketplace"] = "tiki"
        logger.warning("blocked\nby captcha", metadata: ["reason": "captcha page", "status": "403", "empty": ""])
        #expect(
            pipe.lines() == [
                #"<4>ocop.fetch: blocked\nby captcha empty="" marketplace=tiki reason="captcha page" status=403"#
            ]
        )
    }

    @Test("the terminal handler starts with a local timestamp and the level")
    func terminal() throws {
        let pipe = try CapturePipe()
        let logger = Logger(label: "ocop") {
            TerminalLogHandler(label: $0, fileDescriptor: pipe.writeEnd, metadataProvider: nil)
        }
        logger.error("Không mở được cơ sở dữ liệu", metadata: ["path": "/var/lib/ocop-watch/ocop-watch.sqlite"])

        let line = try #require(pipe.lines().first)
        // "2025-03-01 09:03:04.567 +0700 error ocop: …"
        let parts = line.split(separator: " ", maxSplits: 4).map(String.init)
        #expect(parts.count == 5)
        #expect(parts[0].count == 10 && parts[0].filter { $0 == "-" }.count == 2)
        #expect(parts[1].count == 12 && parts[1].contains("."))
        #expect(parts[2].count == 5 && (parts[2].hasPrefix("+") || parts[2].hasPrefix("-")))
        #expect(parts[3] == "error")
        #expect(parts[4] == "ocop: Không mở được cơ sở dữ liệu path=/var/lib/ocop-watch/ocop-watch.sqlite")
    }
}
