import CurlFetch
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Feeds from local files")
struct FetchEngineFeedFileTests {
    /// A fresh directory under /tmp with a feed file in it, removed afterwards.
    static func withFeedDirectory(_ body: (String) async throws -> Void) async throws {
        var template = Array("/tmp/curlfetch-feeds-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        let directory = try #require(created)
        defer {
            unlink(directory + "/feed.csv")
            unlink(directory + "/escape.csv")
            unlink(directory + "/pipe.csv")
            rmdir(directory)
        }
        try write("url,status\nhttps://tiki.vn/p/1,active\n", to: directory + "/feed.csv")
        try await body(directory)
    }

    static func write(_ text: String, to path: String) throws {
        let file = try #require(fopen(path, "w"))
        defer { fclose(file) }
        fputs(text, file)
    }

    static func configuration(allowing directory: String) -> FetchEngine.Configuration {
        var configuration = FetchEngine.Configuration.forTests()
        configuration.allowedFileDirectories = [directory]
        return configuration
    }

    @Test("A feed under an allowed directory is read")
    func readsAllowedFeed() async throws {
        try await Self.withFeedDirectory { directory in
            try await withEngine(Self.configuration(allowing: directory)) { engine in
                let response = try await engine.fetch(FetchRequest(url: "file://\(directory)/feed.csv", isFeed: true))
                #expect(response.status == 200)
                #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("url,status\n"))
            }
        }
    }

    @Test("file:// is refused for a non-feed request, outside the directories, and through .. or a symlink")
    func refusesOtherFiles() async throws {
        try await Self.withFeedDirectory { directory in
            symlink("/etc/passwd", directory + "/escape.csv")
            try await withEngine(Self.configuration(allowing: directory)) { engine in
                let notFeed = await fetchError(engine, FetchRequest(url: "file://\(directory)/feed.csv"))
                #expect(notFeed == .fileNotAllowed(url: "file://\(directory)/feed.csv", path: "\(directory)/feed.csv"))
                for url in ["file:///etc/passwd", "file://\(directory)/../../etc/passwd", "file://\(directory)/escape.csv"] {
                    let error = await fetchError(engine, FetchRequest(url: url, isFeed: true))
                    guard case .fileNotAllowed = error else {
                        Issue.record("\(url): expected fileNotAllowed, got \(String(describing: error))")
                        continue
                    }
                }
            }
        }
    }

    @Test("A named pipe in an allowed directory is refused at once, not waited on", .timeLimit(.minutes(1)))
    func namedPipeIsRefused() async throws {
        try await Self.withFeedDirectory { directory in
            #expect(mkfifo(directory + "/pipe.csv", 0o600) == 0)
            try await withEngine(Self.configuration(allowing: directory)) { engine in
                // A blocking open would wait for a writer that never comes.
                let error = await fetchError(engine, FetchRequest(url: "file://\(directory)/pipe.csv", isFeed: true))
                guard case .fileUnreadable(_, let detail) = error else {
                    Issue.record("expected fileUnreadable, got \(String(describing: error))")
                    return
                }
                #expect(detail.hasSuffix("is not a regular file"))
            }
        }
    }

    @Test("A missing feed inside an allowed directory is unreadable; a large one is capped")
    func missingAndLargeFeeds() async throws {
        try await Self.withFeedDirectory { directory in
            try await withEngine(Self.configuration(allowing: directory)) { engine in
                let missing = await fetchError(engine, FetchRequest(url: "file://\(directory)/absent.csv", isFeed: true))
                guard case .fileUnreadable = missing else {
                    Issue.record("expected fileUnreadable, got \(String(describing: missing))")
                    return
                }
                let capped = await fetchError(
                    engine, FetchRequest(url: "file://\(directory)/feed.csv", isFeed: true, maxBodyBytes: 10))
                #expect(capped == .bodyTooLarge(url: "file://\(directory)/feed.csv", limit: 10))
            }
        }
    }

    @Test("Without allowed directories no file is ever read")
    func noDirectoriesNoFiles() async throws {
        try await Self.withFeedDirectory { directory in
            try await withEngine(.forTests()) { engine in
                let error = await fetchError(engine, FetchRequest(url: "file://\(directory)/feed.csv", isFeed: true))
                guard case .fileNotAllowed = error else {
                    Issue.record("expected fileNotAllowed, got \(String(describing: error))")
                    return
                }
            }
        }
    }
}
