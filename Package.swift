// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The daemon's binary is linked by the toolchain's lld with packed relative relocations and
/// without exporting its own symbols: 6-8 MB less resident code and relocation data in every
/// process (docs/0016). Linux only; other platforms keep their default linker.
let compactLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux])
    ),
    // Release builds place the functions a sync pass runs side by side, so the pass maps less
    // of the binary's code (docs/0016). Functions the list no longer names are simply not moved.
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Linking/ocop-watch.order",
            "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release)
    ),
]

/// One target per marketplace adapter, each depending on the domain core only.
let adapterNames = ["Tiki", "Lazada", "Shopee", "Sendo", "TikTokShop", "Website", "Feed"]

var targets: [Target] = [
    .systemLibrary(
        name: "CCurl",
        pkgConfig: "libcurl",
        providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    .target(name: "CCurlShim", dependencies: ["CCurl"]),
    .target(name: "CurlFetch", dependencies: ["CCurlShim"], swiftSettings: swiftSettings),
    .target(name: "OCOPCore", swiftSettings: swiftSettings),
    .target(
        name: "OCOPCatalog",
        dependencies: ["OCOPCore", .product(name: "CSV", package: "CSV.swift")],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "OCOPStore",
        dependencies: [
            "OCOPCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "OCOPConfig",
        dependencies: ["OCOPCore", "Yams"],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "MarketplaceAdapters",
        dependencies: ["OCOPCore"] + adapterNames.map { .target(name: "\($0)Adapter") },
        path: "Adapters/Registry",
        swiftSettings: swiftSettings
    ),
    .target(
        name: "SystemdKit",
        dependencies: [.product(name: "Logging", package: "swift-log")],
        swiftSettings: swiftSettings
    ),
    .target(name: "OCOPReport", dependencies: ["OCOPCore"], swiftSettings: swiftSettings),
    .target(
        name: "OCOPSync",
        dependencies: [
            "OCOPCore", "OCOPStore", "OCOPConfig", "OCOPCatalog", "OCOPReport", "CurlFetch",
            "MarketplaceAdapters", "FeedAdapter", "SystemdKit",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HeapModule", package: "swift-collections"),
        ],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "MockMarketplace",
        dependencies: ["OCOPCore", .product(name: "Hummingbird", package: "hummingbird")],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "mock-marketplace",
        dependencies: [
            "MockMarketplace",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "interpret-bench",
        dependencies: ["MarketplaceAdapters", "MockMarketplace", "OCOPCore"],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "ocop-watch",
        dependencies: [
            "CurlFetch",
            "OCOPCore",
            "OCOPConfig",
            "OCOPSync",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings,
        linkerSettings: compactLinking
    ),
    // Tests: one target per module.
    .testTarget(
        name: "CurlFetchTests",
        dependencies: ["CurlFetch", "OCOPTestSupport", .product(name: "Hummingbird", package: "hummingbird")],
        swiftSettings: swiftSettings
    ),
    .testTarget(name: "OCOPCoreTests", dependencies: ["OCOPCore", "OCOPTestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "MarketplaceAdaptersTests", dependencies: ["MarketplaceAdapters"], swiftSettings: swiftSettings),
    .testTarget(
        name: "OCOPCatalogTests",
        dependencies: ["OCOPCatalog"],
        resources: [.copy("Fixtures")],
        swiftSettings: swiftSettings
    ),
    .testTarget(name: "OCOPStoreTests", dependencies: ["OCOPStore"], swiftSettings: swiftSettings),
    .testTarget(name: "OCOPConfigTests", dependencies: ["OCOPConfig"], swiftSettings: swiftSettings),
    .testTarget(name: "SystemdKitTests", dependencies: ["SystemdKit"], swiftSettings: swiftSettings),
    .testTarget(name: "OCOPReportTests", dependencies: ["OCOPReport"], swiftSettings: swiftSettings),
    .testTarget(
        name: "MockMarketplaceTests",
        dependencies: ["MockMarketplace", "OCOPTestSupport", .product(name: "Hummingbird", package: "hummingbird")],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "OCOPSyncTests",
        dependencies: ["OCOPSync", "MockMarketplace", "OCOPTestSupport"],
        swiftSettings: swiftSettings
    ),
    // Shared by the adapter test targets: fixture files and the comparison of a verdict with a row.
    .target(
        name: "AdapterTestSupport",
        dependencies: ["OCOPCore"],
        swiftSettings: swiftSettings
    ),
    // Shared by the integration tests: the demo on a loopback mock marketplace, binary lookup.
    .target(
        name: "OCOPTestSupport",
        dependencies: ["OCOPCore", "MockMarketplace", "SystemdKit"],
        swiftSettings: swiftSettings
    ),
    // Integration tests across modules: the daemon under a fake systemd, reporting, faults and crashes.
    .testTarget(
        name: "DaemonIntegrationTests",
        dependencies: ["OCOPSync", "MockMarketplace", "OCOPTestSupport"],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "ReportingIntegrationTests",
        dependencies: ["OCOPSync", "MockMarketplace", "OCOPTestSupport"],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "ReliabilityTests",
        dependencies: ["OCOPSync", "MockMarketplace", "OCOPTestSupport"],
        swiftSettings: swiftSettings
    ),
]

for name in adapterNames {
    targets.append(
        .target(
            name: "\(name)Adapter",
            dependencies: ["OCOPCore"],
            path: "Adapters/\(name)",
            swiftSettings: swiftSettings
        )
    )
    targets.append(
        .testTarget(
            name: "\(name)AdapterTests",
            dependencies: [.target(name: "\(name)Adapter"), "AdapterTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        )
    )
}

let package = Package(
    name: "ocop-watch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ocop-watch", targets: ["ocop-watch"]),
        .executable(name: "mock-marketplace", targets: ["mock-marketplace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
