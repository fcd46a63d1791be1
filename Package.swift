// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jointly",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jointly", targets: ["jointly"]),
        .library(name: "JointlyKit", targets: ["JointlyKit"]),
        // libFuzzer targets: built by scripts/fuzz with -sanitize=fuzzer -DFUZZING; a
        // normal build makes replayers that run the fuzz check over the files named.
        .executable(name: "FuzzCSV", targets: ["FuzzCSV"]),
        .executable(name: "FuzzFrontMatter", targets: ["FuzzFrontMatter"]),
        .executable(name: "FuzzMarkdownEscape", targets: ["FuzzMarkdownEscape"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "jointly",
            dependencies: ["JointlyCLI"]
        ),
        .target(
            name: "JointlyCLI",
            dependencies: [
                "JointlyKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "JointlyKit",
            dependencies: [
                "CMarkGFM",
                "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding a bulk import's values without boxing them.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "JointlyKit"]),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzSupport", "JointlyKit"]),
        .executableTarget(name: "FuzzMarkdownEscape", dependencies: ["FuzzSupport", "JointlyKit"]),
        .testTarget(
            name: "JointlyKitTests",
            dependencies: ["JointlyKit", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(
            name: "JointlyCLITests",
            dependencies: ["jointly", "JointlyKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
