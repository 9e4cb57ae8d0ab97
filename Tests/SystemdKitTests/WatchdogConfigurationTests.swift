import SystemdKit
import Testing

@Suite("WatchdogConfiguration")
struct WatchdogConfigurationTests {
    @Test("WATCHDOG_USEC without WATCHDOG_PID applies; pings at half the timeout")
    func withoutPID() throws {
        let environment = ["WATCHDOG_USEC": "60000000"]
        let watchdog = try #require(try WatchdogConfiguration(environment: environment, processID: 42))
        #expect(watchdog.timeout == .seconds(60))
        #expect(watchdog.pingInterval == .seconds(30))
    }

    @Test("WATCHDOG_PID equal to this process applies")
    func matchingPID() throws {
        let environment = ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "42"]
        let watchdog = try #require(try WatchdogConfiguration(environment: environment, processID: 42))
        #expect(watchdog.pingInterval == .milliseconds(500))
    }

    @Test("WATCHDOG_PID naming another process (a parent) is ignored")
    func otherPID() throws {
        let environment = ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "41"]
        #expect(try WatchdogConfiguration(environment: environment, processID: 42) == nil)
    }

    @Test("no WATCHDOG_USEC, no watchdog")
    func unset() throws {
        #expect(try WatchdogConfiguration(environment: [:], processID: 42) == nil)
        #expect(try WatchdogConfiguration(environment: ["WATCHDOG_PID": "42"], processID: 42) == nil)
    }

    @Test(
        "malformed values are errors naming the variable",
        arguments: [
            (["WATCHDOG_USEC": "sixty"], "WATCHDOG_USEC"),
            (["WATCHDOG_USEC": "0"], "WATCHDOG_USEC"),
            (["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "me"], "WATCHDOG_PID"),
        ]
    )
    func malformed(environment: [String: String], variable: String) {
        let error = #expect(throws: WatchdogConfigurationError.self) {
            try WatchdogConfiguration(environment: environment, processID: 42)
        }
        #expect(error?.description.hasPrefix(variable) == true)
    }
}
