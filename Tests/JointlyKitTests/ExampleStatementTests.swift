import Foundation
import Testing
@testable import JointlyKit

/// The 2018 Telegram statement shipped in `statements/`, as `make demo` loads it.
@Suite struct ExampleStatementTests {
    static let slug = "russia-telegram-2018"
    static var statementPath: String { Fixture.repositoryRoot.appendingPathComponent("statements/\(slug).md").path }
    static var signatoriesPath: String { Fixture.repositoryRoot.appendingPathComponent("statements/\(slug).signatories.csv").path }

    func loaded() throws -> AppDatabase {
        let db = try AppDatabase.inMemory(clock: Fixture.laterClock)
        _ = try db.addStatement(StatementFileParser.load(path: Self.statementPath), actor: "t")
        _ = try db.importSignatories(slug: Self.slug, path: Self.signatoriesPath, options: ImportOptions(verified: true), actor: "t")
        return db
    }

    @Test func itHasTheReferenceAddresseesAndDemands() throws {
        let detail = try loaded().statementDetail(slug: Self.slug)
        #expect(detail.demands.map(\.key) == [
            "unblock-telegram", "end-internet-attacks", "repeal-data-localisation", "repeal-vpn-ban",
            "repeal-anonymity-ban", "challenge-russia", "resist-unlawful-orders",
        ])
        #expect(Set(detail.demands.map(\.addresseeKey)) == ["russia", "international-community", "internet-companies"])
        #expect(detail.statement.issuer == "ARTICLE 19")
        #expect(detail.statement.date == "2018-04-30")
    }

    @Test func itLoadsTheFifteenOrganisationsTheSourcesName() throws {
        let entries = try loaded().signatories(slug: Self.slug)
        #expect(entries.count == 15)
        #expect(entries.allSatisfy { $0.status == .verified && !$0.unnamed })
        #expect(Set(entries.compactMap(\.country)) == ["GB", "US", "DE", "RU", "FR"])
    }

    @Test func itRendersAsTheGoldenMarkdownAndHTML() throws {
        let db = try loaded()
        let renderer = Renderer(templates: try .defaults)
        let page = try db.statementPage(slug: Self.slug)
        #expect(page.countLine == "15 organisations from 5 countries")
        RenderingFixtures.assertGolden(try renderer.render(page, format: .markdown), named: "example.md")
        RenderingFixtures.assertGolden(try renderer.render(page, format: .html), named: "example.html")
    }

    @Test func theCompiledExampleEqualsTheFiles() throws {
        #expect(SampleStatement.text == (try String(contentsOfFile: Self.statementPath, encoding: .utf8)), "run `make embed`")
        #expect(SampleStatement.signatories == (try String(contentsOfFile: Self.signatoriesPath, encoding: .utf8)), "run `make embed`")
    }
}
