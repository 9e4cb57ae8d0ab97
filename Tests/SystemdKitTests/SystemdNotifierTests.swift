import Foundation
import SystemdKit
import Testing

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test("messages reach a socket bound to a path")
    func pathSocket() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])

        #expect(notifier.isEnabled)
        #expect(try notifier.ready(status: "Checking 120 listings"))
        #expect(listener.receive() == "READY=1\nSTATUS=Checking 120 listings")
        try notifier.watchdog()
        #expect(listener.receive() == "WATCHDOG=1")
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test("messages reach an abstract socket (@name)")
    func abstractSocket() throws {
        let name = "@systemdkit-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let listener = try DatagramListener(address: name)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": name])

        try notifier.status("Sleeping until 10:30\nsecond line")
        #expect(listener.receive() == "STATUS=Sleeping until 10:30 second line")
        try notifier.send([(key: "EXTEND_TIMEOUT_USEC", value: "5000000"), (key: "STATUS", value: "migrating")])
        #expect(listener.receive() == "EXTEND_TIMEOUT_USEC=5000000\nSTATUS=migrating")
    }

    @Test("a long start-up step asks for more time until it returns")
    func startTimeoutIsExtendedWhileABlockingStepRuns() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        let notifier = try SystemdNotifier(socketAddress: listener.address)
        let request = "EXTEND_TIMEOUT_USEC=150000\nSTATUS=migrating the store"

        // The step blocks until two requests arrived: they can only come from the timer.
        let received = notifier.extendingStartTimeout(status: "migrating the store", every: .milliseconds(50)) {
            [listener.receive(), listener.receive()]
        }
        #expect(received == [request, request])
        try notifier.ready()
        var afterwards: [String] = []
        while let message = listener.receive(), message != "READY=1" { afterwards.append(message) }
        // At most one request can have left between the step's end and the timer's cancellation.
        #expect(afterwards.count <= 1 && afterwards.allSatisfy { $0 == request })

        let quiet = try SystemdNotifier(socketAddress: nil)
        #expect(quiet.extendingStartTimeout(status: "migrating", every: .milliseconds(1)) { 7 } == 7)
    }

    @Test("RELOADING carries MONOTONIC_USEC")
    func reloading() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        let notifier = try SystemdNotifier(socketAddress: listener.address)

        try notifier.reloading(status: "Reloading configuration")
        let fields = try #require(listener.receive()).split(separator: "\n").map(String.init)
        #expect(fields.count == 3)
        #expect(fields[0] == "RELOADING=1")
        let stamp = try #require(fields[1].split(separator: "=", maxSplits: 1).last.flatMap { Int64($0) })
        #expect(fields[1].hasPrefix("MONOTONIC_USEC=") && stamp > 0)
        #expect(fields[2] == "STATUS=Reloading configuration")
    }

    @Test("an unset or empty NOTIFY_SOCKET makes every call a no-op", arguments: [[:], ["NOTIFY_SOCKET": ""]])
    func unsetIsNoOp(environment: [String: String]) throws {
        let notifier = try SystemdNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(try !notifier.ready())
        #expect(try !notifier.watchdog())
        #expect(try !notifier.reloading())
    }

    @Test("vsock: and relative addresses are rejected", arguments: ["vsock:2:1234", "notify.sock"])
    func unsupportedAddresses(address: String) {
        #expect(throws: SystemdNotifierError.unsupportedAddress(address)) {
            try SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
        }
    }

    @Test("a field that would corrupt the datagram is refused")
    func invalidFields() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(address: directory.file("notify"))
        let notifier = try SystemdNotifier(socketAddress: listener.address)
        #expect(throws: SystemdNotifierError.self) { try notifier.send([(key: "STATUS", value: "a\nREADY=1")]) }
        #expect(throws: SystemdNotifierError.self) { try notifier.send([(key: "status", value: "lower case")]) }
    }

    @Test("a missing socket is a typed error naming the address")
    func missingSocket() throws {
        let directory = try TemporaryDirectory()
        let notifier = try SystemdNotifier(socketAddress: directory.file("absent"))
        let error = try #require(throws: SystemdNotifierError.self) { try notifier.ready() }
        #expect(error.description.contains(directory.file("absent")))
    }
}
