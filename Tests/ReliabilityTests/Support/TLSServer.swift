import Foundation

/// `openssl s_server` on a loopback port with a self-signed certificate for 127.0.0.1: a TLS
/// peer whose certificate no system CA vouches for, and that the certificate itself (as a CA
/// bundle) makes trusted. Answers every request with its HTML status page.
final class TLSServer: Sendable {
    let directory: URL
    let port: Int
    /// The self-signed certificate (PEM), usable as `http.ca_bundle`.
    let certificate: String
    private let child: Program

    private init(directory: URL, port: Int, certificate: String, child: Program) {
        self.directory = directory
        self.port = port
        self.certificate = certificate
        self.child = child
    }

    static var openssl: String? { Program.tool("/usr/bin/openssl", "/bin/openssl") }

    /// Generates the certificate and starts the server; nil when openssl is not installed.
    static func start() async throws -> TLSServer? {
        guard let openssl else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("self-signed.pem").path
        let key = directory.appendingPathComponent("self-signed.key").path
        let made = try await Program.run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE",
                "-keyout", key, "-out", certificate,
            ]
        )
        guard made.succeeded else { throw TLSServerError(message: "openssl req failed: \(made.stderr)") }
        let log = directory.appendingPathComponent("s_server.log")
        let child = try Program(
            "/bin/sh",
            ["-c", "exec \(openssl) s_server -accept 127.0.0.1:0 -www -cert \(certificate) -key \(key) > \(log.path) 2>&1"]
        )
        for _ in 0..<200 {
            if let text = try? String(contentsOf: log, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                return TLSServer(directory: directory, port: port, certificate: certificate, child: child)
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        child.send(SIGKILL)
        _ = await child.wait()
        throw TLSServerError(message: "openssl s_server did not report its port")
    }

    func stop() async {
        child.send(SIGTERM)
        _ = await child.wait(timeout: 5)
        try? FileManager.default.removeItem(at: directory)
    }
}

struct TLSServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
