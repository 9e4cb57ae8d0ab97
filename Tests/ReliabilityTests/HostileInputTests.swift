import Foundation
import OCOPCatalog
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// A catalog file that is not what it should be, imported into a store that already holds the demo
/// catalog: a precise error, and the store exactly as it was.
struct HostileCatalog: Sendable, CustomTestStringConvertible {
    var name: String
    /// Which demo file is replaced.
    var replaces: String
    /// The replacement bytes, or a path to use instead (a device, a folder).
    var bytes: @Sendable () throws -> Data
    var path: String?
    /// Text the error must contain.
    var expected: [String]

    var testDescription: String { name }

    static let demo = DemoEnvironment.repository.appendingPathComponent("Config/demo")

    static func demoFile(_ name: String) throws -> Data {
        try Data(contentsOf: demo.appendingPathComponent(name))
    }

    /// The demo products file with line `line` (1-based) replaced.
    static func products(replacingLine line: Int, with bytes: [UInt8]) throws -> Data {
        var lines = try demoFile("products.csv").split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        lines[line - 1] = Data(bytes)
        return Data(lines.joined(separator: [0x0A]))
    }

    static let all: [HostileCatalog] = [
        HostileCatalog(
            name: "UTF-16LE with BOM (Excel \"Unicode Text\")",
            replaces: "products.csv",
            bytes: { Data([0xFF, 0xFE]) + String(decoding: try demoFile("products.csv"), as: UTF8.self).data(using: .utf16LittleEndian)! },
            expected: ["products.csv:1:", "UTF-16"]
        ),
        HostileCatalog(
            name: "UTF-16BE with BOM",
            replaces: "producers.csv",
            bytes: { Data([0xFE, 0xFF]) + String(decoding: try demoFile("producers.csv"), as: UTF8.self).data(using: .utf16BigEndian)! },
            expected: ["producers.csv:1:", "UTF-16"]
        ),
        HostileCatalog(
            name: "UTF-16LE without BOM",
            replaces: "listings.csv",
            bytes: { String(decoding: try demoFile("listings.csv"), as: UTF8.self).data(using: .utf16LittleEndian)! },
            expected: ["listings.csv:1:", "UTF-16"]
        ),
        HostileCatalog(
            name: "Windows-1258 bytes in one product name",
            replaces: "products.csv",
            // "Hạt sen sấy" in Windows-1258: a, dot below (0xF2), â (0xE2), acute (0xEC).
            bytes: {
                let original = Array(try demoFile("products.csv").split(separator: 0x0A)[99])
                let idEnd = original.firstIndex(of: UInt8(ascii: ","))!
                let nameEnd = original[(idEnd + 1)...].firstIndex(of: UInt8(ascii: ","))!
                let name = Array("H".utf8) + [0x61, 0xF2] + Array("t sen s".utf8) + [0xE2, 0xEC] + Array("y".utf8)
                return try products(replacingLine: 100, with: Array(original[...idEnd]) + name + Array(original[nameEnd...]))
            },
            expected: ["products.csv:100:", "not valid UTF-8", "CSV UTF-8"]
        ),
        HostileCatalog(
            name: "an Excel workbook instead of its CSV export",
            replaces: "products.csv",
            bytes: { Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) + Data(repeating: 0x9C, count: 4_096) },
            expected: ["products.csv:1:", "Excel workbook"]
        ),
        HostileCatalog(
            name: "60 MB of valid-looking rows",
            replaces: "listings.csv",
            bytes: {
                let file = try demoFile("listings.csv")
                let rows = file.drop { $0 != 0x0A }.dropFirst()
                var data = Data(file.prefix { $0 != 0x0A }) + Data([0x0A])
                while data.count < 60_000_000 { data.append(rows) }
                return data
            },
            expected: ["listings.csv:", "larger than 32 MB"]
        ),
        HostileCatalog(
            name: "/dev/zero, a file that never ends",
            replaces: "listings.csv",
            bytes: { Data() },
            path: "/dev/zero",
            expected: ["zero:", "larger than 32 MB"]
        ),
        HostileCatalog(
            name: "a folder instead of a file",
            replaces: "producers.csv",
            bytes: { Data() },
            path: "/tmp",
            expected: ["tmp:", "is a folder"]
        ),
        HostileCatalog(
            name: "random binary bytes",
            replaces: "producers.csv",
            bytes: {
                var random = SplitMix64(seed: 7)
                return Data((0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            },
            expected: ["producers.csv:", "not valid UTF-8"]
        ),
        HostileCatalog(
            name: "a 1 MB header line without a newline",
            replaces: "products.csv",
            bytes: { Data(String(repeating: "product_id,", count: 95_000).utf8) },
            expected: ["products.csv:"]
        ),
        HostileCatalog(
            name: "one bad row among 604 listings",
            replaces: "listings.csv",
            bytes: {
                var text = String(decoding: try demoFile("listings.csv"), as: UTF8.self)
                let range = text.range(of: "https://shopee.vn/")!
                text.replaceSubrange(range, with: "ftp://shopee.vn/")
                return Data(text.utf8)
            },
            expected: ["listings.csv:", "ftp"]
        ),
    ]
}

extension Reliability {
    @Suite struct HostileInput {
        /// A context with its own state folder whose store holds the demo catalog.
        static func storeWithDemo() async throws -> (WatchContext, URL) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let configPath = directory.appendingPathComponent("config.yaml").path
            try "paths:\n  state_dir: state\n  logs_dir: logs\noperator:\n  contact: test@localhost\n"
                .write(toFile: configPath, atomically: true, encoding: .utf8)
            let context = try WatchContext(configPath: configPath, verbose: false, command: "reliability")
            let files = ["producers.csv", "products.csv", "listings.csv"].map { HostileCatalog.demo.appendingPathComponent($0).path }
            _ = try await context.importCatalog(files: files)
            return (context, directory)
        }

        @Test(arguments: HostileCatalog.all)
        func hostileFileIsRefusedAndImportsNothing(_ hostile: HostileCatalog) async throws {
            let (context, directory) = try await Self.storeWithDemo()
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try context.openStore()
            let before = try await store.catalog()
            let importsBefore = try await store.imports(limit: 100).count

            var paths = ["producers.csv", "products.csv", "listings.csv"].map { HostileCatalog.demo.appendingPathComponent($0).path }
            let index = paths.firstIndex { $0.hasSuffix(hostile.replaces) }!
            if let path = hostile.path {
                paths[index] = path
            } else {
                let url = directory.appendingPathComponent(hostile.replaces)
                try hostile.bytes().write(to: url)
                paths[index] = url.path
            }
            let files = paths
            let refusal = try await withDeadline(60, hostile.name) { () async throws -> String? in
                do {
                    _ = try await context.importCatalog(files: files)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            let message = try #require(refusal, "\(hostile.name) was imported")
            for fragment in hostile.expected {
                #expect(message.contains(fragment), "\(message.prefix(600))")
            }
            #expect(try await store.catalog() == before, "the store changed")
            #expect(try await store.imports(limit: 100).count == importsBefore)
        }

        @Test func hugeCatalogIsRefusedWithoutReadingIt() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-huge-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let huge = directory.appendingPathComponent("products.csv")
            _ = FileManager.default.createFile(atPath: huge.path, contents: nil)
            let handle = try FileHandle(forWritingTo: huge)
            let line = Data("DT-P-000001,Xoài cát,Thùng 5 kg,DT-E-000001,Hộ kinh doanh,household_business,3\n".utf8)
            let block = Data((0..<10_000).flatMap { _ in line })
            while try handle.offset() < 60_000_000 { handle.write(block) }
            try handle.close()
            let direct = try await withDeadline(60, "60 MB catalog") { () async throws -> String in
                do {
                    _ = try CatalogParser.parse(files: [huge])
                    return "parsed"
                } catch {
                    return "\(error)"
                }
            }
            #expect(
                direct == "products.csv: the file is larger than 32 MB, far more than a province's catalog; check that this is "
                    + "the products, producers or listings export, or split it into several files of the same kind")

            guard Program.ocopWatchIsBuilt else { return }
            // In a process of its own, so that no other test's memory counts: refusing the 60 MB
            // file takes no more memory than validating the real 600-listing catalog.
            let demo = ["producers.csv", "products.csv", "listings.csv"].map { HostileCatalog.demo.appendingPathComponent($0).path }
            let (valid, validPeak) = await (try Program(Program.ocopWatch, ["catalog", "validate"] + demo)).waitMeasuringPeakMemory()
            #expect(valid.succeeded, "\(valid.stderr)")
            let (refused, refusedPeak) = await (try Program(Program.ocopWatch, ["catalog", "validate", huge.path])).waitMeasuringPeakMemory()
            #expect(!refused.succeeded)
            #expect(refused.stderr.contains("products.csv: the file is larger than 32 MB"), "\(refused.stderr)")
            #expect(refusedPeak < validPeak + (8 << 20), "refusing took \(refusedPeak >> 20) MiB, validating \(validPeak >> 20) MiB")
        }
    }
}
