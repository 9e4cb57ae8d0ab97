import Foundation
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// `sync --once` and the daemon parse the catalog only when its files changed since the last import.
@Suite(.serialized) struct CatalogFingerprintTests {
    /// A whole second, so that setting it back on a file round-trips exactly.
    private static let modified = Date(timeIntervalSince1970: 1_750_000_000)

    /// Copies of the demo catalog in the test's folder, so the test can touch them.
    private static func catalogCopies(in directory: URL) throws -> [String] {
        let demo = DemoEnvironment.repository.appendingPathComponent("Config/demo")
        return try ["producers.csv", "products.csv", "listings.csv"].map { name in
            let copy = directory.appendingPathComponent(name)
            try FileManager.default.copyItem(at: demo.appendingPathComponent(name), to: copy)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: copy.path)
            return copy.path
        }
    }

    @Test func aManualImportOfOtherFilesThanTheConfiguredOnesSaysItWillBeUndone() async throws {
        let environment = try await DemoEnvironment.start()
        defer { Task { await environment.stop() } }
        let context = try WatchContext(configPath: environment.configPath, verbose: false, command: "test")
        let configured = context.configuration.catalog.files
        try #require(!configured.isEmpty)
        let asConfigured = try await context.importCatalog(files: configured)
        #expect(!asConfigured.contains("Note: catalog.files"), "\(asConfigured)")
        let copies = try Self.catalogCopies(in: environment.directory)
        let other = try await context.importCatalog(files: copies)
        #expect(other.contains("Note: catalog.files"), "\(other)")
        #expect(other.contains("undoes this import"))
    }

    @Test func unchangedFilesAreNotParsedAgainAndChangedOnesAre() async throws {
        let environment = try await DemoEnvironment.start()
        defer { Task { await environment.stop() } }
        let files = try Self.catalogCopies(in: environment.directory)
        let context = try WatchContext(configPath: environment.configPath, verbose: false, command: "test")
        try context.prepareStateDirectory()
        let store = try context.openStore()

        let first = try await context.importCatalog(files: files, into: store)
        #expect(first.products.added == 581)

        // A parsed re-import counts every product as unchanged; a skipped one counts nothing.
        let skipped = try await context.importCatalog(files: files, into: store)
        #expect(skipped == ImportSummary())

        let later = Self.modified.addingTimeInterval(60)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: files[1])
        let parsed = try await context.importCatalog(files: files, into: store)
        #expect(!parsed.hasChanges)
        #expect(parsed.products.unchanged == 581)

        let skippedAgain = try await context.importCatalog(files: files, into: store)
        #expect(skippedAgain == ImportSummary())

        // Another set of files (here: one file fewer) is a different catalog.
        let fewer = try await context.importCatalog(files: Array(files.prefix(2)), into: store)
        #expect(fewer.products.unchanged == 581)
    }

    /// Times past 2038 (more than 32 bits of seconds) are kept whole: two times 2³² s apart are
    /// two fingerprints.
    @Test func modificationTimesPast2038AreKeptWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("products.csv").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("id\n".utf8)))

        func fingerprint(modified seconds: TimeInterval) throws -> String {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: file)
            let fingerprint = try #require(CatalogFingerprint(files: [file]))
            return String(decoding: fingerprint.data, as: UTF8.self)
        }
        let early = try fingerprint(modified: 5)
        let late = try fingerprint(modified: 4_294_967_301)
        #expect(early.contains("\t5.000000000\t"))
        #expect(late.contains("\t4294967301.000000000\t"))
        #expect(early != late)
    }

    @Test func explicitImportAlwaysParsesAndAMissingFileIsReported() async throws {
        let environment = try await DemoEnvironment.start()
        defer { Task { await environment.stop() } }
        let files = try Self.catalogCopies(in: environment.directory)
        let context = try WatchContext(configPath: environment.configPath, verbose: false, command: "test")
        try context.prepareStateDirectory()
        let store = try context.openStore()
        _ = try await context.importCatalog(files: files, into: store)

        // Break the header in place (no `product_id` column), same size, same modification time: the fingerprint cannot tell.
        let listings = files[2]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: listings))
        let header = try #require(bytes.firstRange(of: Data("product_id".utf8)))
        bytes[header.lowerBound] = UInt8(ascii: "X")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: listings))
        try handle.write(contentsOf: bytes)
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: Self.modified], ofItemAtPath: listings)

        #expect(try await context.importCatalog(files: files, into: store) == ImportSummary())
        await #expect(throws: (any Error).self) {
            _ = try await context.importCatalog(files: files)
        }

        try FileManager.default.removeItem(atPath: listings)
        await #expect(throws: (any Error).self) {
            _ = try await context.importCatalog(files: files, into: store)
        }
    }
}
