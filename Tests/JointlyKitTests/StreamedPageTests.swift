import Foundation
import GRDB
import Testing

@testable import JointlyKit

/// Long lists are sorted by SQLite with `jointly_sort_key` and streamed into the files;
/// the result must be what sorting by `Collation` keys in memory gives, byte for byte.
@Suite struct StreamedPageTests {
    @Test("the SQL sort key orders names as Collation keys do", arguments: ["en", "ru"])
    func sqlKeyOrder(language: String) throws {
        let collation = Collation(language: language)
        // SQLite's text functions end a string at NUL; names never hold one.
        let names = CollationKeyTests.names().filter { !$0.contains("\u{0}") }
        let expected = names.sorted { collation.key($0) < collation.key($1) }
        #expect(names.sorted { collation.key($0).bytes.lexicographicallyPrecedes(collation.key($1).bytes) } == expected)
        let queue = try DatabaseQueue()
        let sorted = try queue.read { db in
            Collation.register(in: db)
            let json = String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
            return try String.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY jointly_sort_key(?, value), key",
                                       arguments: [json, language])
        }
        #expect(sorted == expected)
    }

    /// The site fixture with many more signatories, of many scripts, countries and kinds.
    static func database() throws -> AppDatabase {
        let db = try SiteFixture.database()
        let words = ["Free", "Média", "Свобода", "Право", "Ørsted", "Łódź", "ARTICLE", "article", "Éclair", "e\u{301}clair", "东京", "Δίκη"]
        let countries = ["GB", "RU", "DE", "UA", nil, "FR"]
        let kinds = ["ngo", "media", "union", nil, "other"]
        for index in 0..<300 {
            let name = "\(words[index % words.count]) \(words[(index / 7) % words.count]) \(index % 40)"
            _ = try db.sign(slug: "test-statement", SignatoryInput(
                organisation: "\(name) \(index)", country: countries[index % countries.count], kind: kinds[index % kinds.count],
                demands: index % 3 == 0 ? ["repeal-vpn-ban", "unblock-telegram"] : nil, signedAt: "2018-05-0\(index % 9 + 1)",
                unnamed: index % 50 == 49), actor: "t")
        }
        return db
    }

    @Test("render streams the page it would render from rows in memory", arguments: ["none", "kind", "country"])
    func streamedEqualsInMemory(groupBy: String) throws {
        let db = try Self.database()
        try db.write { try $0.execute(sql: "UPDATE statement SET groupBy = ?", arguments: [groupBy]) }
        let folder = try Fixture.temporaryDirectory()
        let renderer = Renderer(templates: try .defaults)
        for language in ["en", "ru"] {
            let page = try db.statementPage(slug: "test-statement", language: language)
            let collation = Collation(language: language)
            for group in page.groups {
                let names = group.signatories.map(\.name)
                #expect(names == collation.sorted(names, by: { $0 }), "\(language) \(group.heading)")
            }
            for format in OutputFormat.allCases {
                let path = folder.appendingPathComponent("\(language).\(format.rawValue)").path
                try Publishing.write(database: db, slug: "test-statement", format: format, language: language,
                                     templatesDirectory: nil, to: path)
                let streamed = try String(contentsOfFile: path, encoding: .utf8)
                #expect(streamed == (try renderer.render(page, format: format)), "\(language) \(format)")
            }
        }
    }

    @Test("the slug's table gives what normalising each name gives")
    func slugTable() {
        for value in UInt32(0)..<0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for name in ["A\(scalar)b c", "\(scalar)", "Łódź \(scalar)\u{301}x", "İstanbul \(scalar)"] {
                #expect(OrganisationSlugs.unicodeSlug(name) == OrganisationSlugs.normalisedSlug(name), "\(name.debugDescription)")
            }
        }
    }

    @Test("organisations whose names give the same slug get pages of their own, the oldest the plain one")
    func clashingSlugs() throws {
        let db = try SiteFixture.database()
        // Cyrillic М and д romanise to the Latin letters: other names, the same slug.
        for (name, country) in [("\u{41C}eduza", "LV"), ("Me\u{434}uza", "LV")] {
            _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: name, country: country, signedAt: "2018-04-30"), actor: "t")
        }
        let (folder, _) = try SiteFixture.build(db)
        #expect(try SiteFixture.read(folder, "organisations/meduza.html").contains("<h1>Meduza</h1>"))
        #expect(try SiteFixture.read(folder, "organisations/meduza-lv.html").contains("<h1>\u{41C}eduza</h1>"))
        let third = try FileManager.default.contentsOfDirectory(atPath: folder + "/organisations").filter { $0.hasPrefix("meduza-") && $0 != "meduza-lv.html" }
        #expect(third.count == 1)
        #expect(try SiteFixture.read(folder, "test-statement/index.html").contains("organisations/meduza-lv.html\">\u{41C}eduza</a>"))
    }

    @Test("the ASCII slug is the Unicode path's slug")
    func asciiSlugs() {
        var names = (UInt8(0)...UInt8(0x7F)).map { "A" + String(decoding: [$0], as: UTF8.self) + "b c" }
        names += ["ARTICLE 19", "  spaced  out  ", "*Bold* <script> & 97", String(repeating: "word ", count: 30), ""]
        for name in names {
            #expect(OrganisationSlugs.asciiSlug(name) == OrganisationSlugs.unicodeSlug(name), "\(name.debugDescription)")
        }
    }
}

@Suite struct StatementsOnlyTests {
    @Test("--statements-only rewrites the statements' files and keeps the other pages, and the list of them")
    func statementsOnly() throws {
        let db = try SiteFixture.database()
        let (folder, _) = try SiteFixture.build(db)
        let manifest = try SiteFixture.read(folder, ".jointly-site")
        #expect(manifest.contains("organisations/meduza.html\n"))
        let report = try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false, statementsOnly: true))
        #expect(report.removed == 0)
        #expect(try SiteFixture.read(folder, ".jointly-site") == manifest)
        #expect(FileManager.default.fileExists(atPath: folder + "/organisations/meduza.html"))
        #expect(try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false)).removed == 0)
        #expect(try SiteFixture.read(folder, ".jointly-site") == manifest)
    }

    static func statementsOnly(_ db: AppDatabase, _ folder: String) throws -> SiteReport {
        try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false, statementsOnly: true))
    }

    @Test("a new signature since the last full build keeps the other pages; the mark of that build stays")
    func additionsKeepThePages() throws {
        let db = try SiteFixture.database()
        let (folder, _) = try SiteFixture.build(db)
        let manifest = try SiteFixture.read(folder, ".jointly-site")
        #expect(manifest.hasPrefix("#events "))
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", country: "RU"), actor: "t")
        let report = try Self.statementsOnly(db, folder)
        #expect(report.warnings.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/organisations/team-29.html"))
        #expect(try SiteFixture.read(folder, ".jointly-site") == manifest)
    }

    @Test("a group that withdrew, was rejected or asked to be unnamed is on no page a --statements-only build keeps",
          arguments: ["withdraw", "unnamed", "reject", "rename", "merge"])
    func retractionsBuildEveryPage(change: String) throws {
        let db = try SiteFixture.database()
        let (folder, _) = try SiteFixture.build(db)
        #expect(try SiteFixture.read(folder, "demands/repeal-vpn-ban.html").contains("Meduza"))
        // Something harmless in between: the retraction need not be the newest event.
        _ = try Self.statementsOnly(db, folder)
        switch change {
        case "withdraw": _ = try db.withdraw(slug: "test-statement", organisation: "Meduza", reason: nil, actor: "t")
        case "unnamed":
            _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Meduza", unnamed: true), options: SignOptions(update: true), actor: "t")
        case "reject": _ = try db.reject(slug: "test-statement", organisation: "Meduza", reason: "not a member", actor: "t")
        case "rename": _ = try db.editOrganisation(named: "Meduza", changes: OrganisationChanges(name: "Medusa Media"), actor: "t")
        default: _ = try db.mergeOrganisations(from: "Meduza", into: "ARTICLE 19", actor: "t")
        }
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", country: "RU"), actor: "t")
        let report = try Self.statementsOnly(db, folder)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.hasPrefix("every page was built, not only the statements': since the last full build ") == true)
        #expect(report.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/organisations/meduza.html"))
        for page in SiteFixture.files(folder) where page.hasSuffix(".html") {
            #expect(try !SiteFixture.read(folder, page).contains("Meduza"), "\(page)")
        }
        // Built whole, the folder has a new mark: the next partial build keeps its pages again.
        #expect(try Self.statementsOnly(db, folder).warnings.isEmpty)
    }

    @Test("a folder built from another database, or with no mark, is built whole")
    func anotherDatabaseBuildsEveryPage() throws {
        let built = try SiteFixture.database()
        _ = try built.sign(slug: "test-statement", SignatoryInput(organisation: "Access Now", country: "US"), actor: "t")
        let (folder, _) = try SiteFixture.build(built)
        let other = try SiteFixture.database()
        _ = try other.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", country: "RU"), actor: "other")
        #expect(try Self.statementsOnly(other, folder).warnings == [
            "every page was built, not only the statements': the folder's last full build was made from another database (or one since restored from a backup)",
        ])
        #expect(try Self.statementsOnly(try SiteFixture.database(), try RenderingFixtures.temporaryDirectory()).warnings == [
            "every page was built, not only the statements': the folder has no full build by this version of Jointly whose pages could be kept",
        ])
    }
}
