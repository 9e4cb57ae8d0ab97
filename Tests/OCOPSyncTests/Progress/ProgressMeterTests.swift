import Foundation
import Testing

@testable import OCOPSync

@Suite struct ProgressMeterTests {
    let start = Date(timeIntervalSince1970: 1_000)

    @Test func rateAndETA() {
        var meter = ProgressMeter(total: 1000, startedAt: start)
        meter.advance(by: 250)
        let now = start.addingTimeInterval(5)
        #expect(meter.rate(at: now) == 50)
        #expect(meter.remaining(at: now) == 15)
        #expect(meter.line(at: now, label: "sync") == "sync  250/1000  25%   50.0/s ETA 0:15")
    }

    @Test func noRateYetAndClamping() {
        var meter = ProgressMeter(total: 3, startedAt: start)
        #expect(meter.remaining(at: start) == nil)
        #expect(meter.line(at: start, label: "x").hasSuffix("ETA --:--"))
        meter.advance(by: 10)
        #expect(meter.done == 3)
    }

    @Test func longDurationsShowHours() {
        #expect(ProgressMeter.clock(3725) == "1:02:05")
        #expect(ProgressMeter.clock(59.2) == "1:00")
    }

    /// Redrawn without escape sequences (TERM=dumb), and cut to the terminal: a narrow window
    /// must not wrap every redraw onto a new line.
    @Test func terminalLineFitsTheWidthAndOverwritesTheLastOne() {
        let progress = TerminalProgress(total: 10, label: "x", interactive: true, columns: 30)
        let long = progress.frame(String(repeating: "a", count: 50))
        #expect(long == "\r" + String(repeating: "a", count: 29))
        let short = progress.frame("bb")
        #expect(short == "\r" + "bb" + String(repeating: " ", count: 27), "spaces over the rest of the longer line")
        #expect(progress.frame("cccc") == "\rcccc")
        #expect(![long, short].joined().contains("\u{1B}"))
    }
}
