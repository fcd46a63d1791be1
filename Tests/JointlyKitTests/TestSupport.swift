import Foundation
@testable import JointlyKit

/// Shared fixtures: a fresh in-memory database per test, a small statement.
enum Fixture {
    static let clock = FixedClock(Date(timeIntervalSince1970: 1_525_046_400))  // 2018-04-30
    /// A clock after every day the fixtures sign on: a signature dated after tomorrow is refused.
    static let laterClock = FixedClock(Date(timeIntervalSince1970: 1_527_811_200))  // 2018-06-01

    static let statementText = """
        ---
        slug: test-statement
        title: "A test statement"
        date: 2018-04-30
        language: en
        issuer: ARTICLE 19
        addressees:
          - key: russia
            name: Russian authorities
            kind: state
          - key: internet-companies
            name: Internet companies
            kind: company
        demands:
          - key: unblock-telegram
            to: russia
            text: Stop blocking Telegram.
          - key: repeal-vpn-ban
            to: russia
            text: Repeal the ban on VPNs and anonymisers.
          - key: resist-unlawful-orders
            to: internet-companies
            text: Resist unlawful orders.
        ---
        The body.
        """

    static func statement(_ text: String = statementText, path: String = "statements/test-statement.md") throws -> StatementFile {
        try StatementFileParser.parse(contents: text, path: path)
    }

    /// A fresh database holding the test statement.
    static func database(clock: any TimeSource = clock) throws -> AppDatabase {
        let db = try AppDatabase.inMemory(clock: clock)
        _ = try db.addStatement(statement(), actor: "tester")
        return db
    }

    /// The repository's root, found from this file.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A temporary directory removed when the process ends.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
