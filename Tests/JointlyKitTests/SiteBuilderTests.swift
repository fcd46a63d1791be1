import Foundation
import GRDB
import Testing

@testable import JointlyKit

/// Fixtures for building sites from an in-memory database.
enum SiteFixture {
    static let translation = """
        ---
        translation-of: test-statement
        translates-version: 1
        title: "Тестовое заявление"
        language: ru
        demands:
          - key: unblock-telegram
            text: Прекратить блокировку Telegram.
          - key: repeal-vpn-ban
            text: Отменить запрет на VPN.
          - key: resist-unlawful-orders
            text: Не исполнять незаконные требования.
        ---
        Текст.
        """

    /// The test statement with signatories, a translation, and `editions` publications.
    static func database(editions: [String] = ["2018-04-30", "2018-05-16"]) throws -> AppDatabase {
        let db = try Fixture.database(clock: Fixture.laterClock)
        _ = try db.addStatement(try Fixture.statement(translation, path: "statements/test-statement.ru.md"), actor: "t")
        let signers: [SignatoryInput] = [
            SignatoryInput(organisation: "Human Rights Watch", shortName: "HRW", country: "US", kind: "ngo",
                           person: "Private Person", email: "press@hrw.example", signedAt: "2018-04-30"),
            SignatoryInput(organisation: "ARTICLE 19", country: "GB", website: "https://www.article19.org", kind: "ngo",
                           email: "info@a19.example", demands: ["repeal-vpn-ban"], signedAt: "2018-04-30"),
            SignatoryInput(organisation: "Meduza", country: "LV", kind: "media", signedAt: "2018-05-10"),
            SignatoryInput(organisation: "Группа риска", country: "BY", email: "hidden@risk.example", signedAt: "2018-04-30", unnamed: true),
        ]
        for signer in signers { _ = try db.sign(slug: "test-statement", signer, actor: "t") }
        try publish(db, slug: "test-statement", on: editions)
        return db
    }

    /// Marks `slug` published with one publication row per day, as `jointly publish` would.
    static func publish(_ db: AppDatabase, slug: String, on days: [String]) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE statement SET status = 'published' WHERE slug = ?", arguments: [slug])
            let hash = String(repeating: "0", count: 64)
            for (index, day) in days.enumerated() {
                try db.execute(sql: """
                    INSERT INTO publication (statementId, versionId, edition, publishedOn, signatoryCount, joined, "left",
                                             listHash, textHash, chainHead, createdAt)
                    SELECT s.id, (SELECT max(v.id) FROM statementVersion v WHERE v.statementId = s.id AND v.language = s.language),
                           ?, ?, 0, '[]', '[]', ?, ?, ?, ?
                    FROM statement s WHERE s.slug = ?
                    """, arguments: [index + 1, day, hash, hash, hash, day + "T12:00:00Z", slug])
            }
        }
    }

    /// Builds into a fresh folder without PDFs; returns the folder and the report.
    static func build(_ db: AppDatabase, into folder: String? = nil) throws -> (folder: String, report: SiteReport) {
        let folder = try folder ?? RenderingFixtures.temporaryDirectory()
        let report = try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false))
        return (folder, report)
    }

    static func read(_ folder: String, _ path: String) throws -> String {
        try String(contentsOfFile: (folder as NSString).appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file under `folder`, relative, sorted.
    static func files(_ folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(path), isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }
}

@Suite("The built site")
struct SiteBuilderTests {
    @Test("a published statement gets its pages, downloads and feed; organisations and demands get theirs")
    func filesOfASite() throws {
        let (folder, report) = try SiteFixture.build(try SiteFixture.database())
        #expect(report.statements == 1)
        let files = SiteFixture.files(folder)
        for expected in [
            "index.html", "feed.xml", "style.css",
            "test-statement/index.html", "test-statement/statement.md",
            "test-statement/ru/index.html", "test-statement/ru/statement.md",
            "test-statement/signatories.csv", "test-statement/signatories.json",
            "organisations/human-rights-watch.html", "organisations/article-19.html", "organisations/meduza.html",
            "demands/unblock-telegram.html", "demands/repeal-vpn-ban.html", "demands/resist-unlawful-orders.html",
        ] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        // The unnamed signatory has no page and appears in no file.
        #expect(!files.contains { $0.contains("gruppa") })
        for file in files {
            let text = try SiteFixture.read(folder, file)
            #expect(!text.contains("Группа риска"), "\(file) names the unnamed signatory")
            #expect(!text.contains("Belarus"), "\(file) hints at the unnamed signatory's country")
            #expect(!text.contains("Private Person"), "\(file) names the person who signed")
        }
    }

    @Test("no contact detail appears anywhere in the output")
    func noContactDetails() throws {
        let db = try SiteFixture.database()
        let (folder, _) = try SiteFixture.build(db)
        let emails = try db.read { try String.fetchAll($0, sql: "SELECT email FROM contact WHERE email IS NOT NULL") }
        #expect(emails.count == 3)
        for file in SiteFixture.files(folder) {
            let text = try SiteFixture.read(folder, file)
            for email in emails {
                #expect(!text.contains(email), "\(file) holds \(email)")
            }
            if !file.hasSuffix(".css") { #expect(!text.contains("@"), "\(file) holds an @") }
        }
    }

    @Test("the page shows the editions, who joined after the first, and the count")
    func editionsAndJoined() throws {
        let (folder, _) = try SiteFixture.build(try SiteFixture.database())
        let html = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(html.contains("<p class=\"editions\">First published 30 April 2018; updated 16 May 2018</p>"))
        #expect(html.contains("Meduza</a><span class=\"country\">, Latvia</span> <span class=\"joined\">(joined 10 May 2018)</span>"))
        #expect(!html.contains("Human Rights Watch</a> (HRW)<span class=\"country\">, United States</span> <span class=\"joined\">"))
        #expect(html.contains("<p class=\"count\">3 organisations from 3 countries</p>"))
        #expect(html.contains("and 1 organisation that cannot be named for its safety"))
        #expect(!html.contains("Preview"))
        let markdown = try SiteFixture.read(folder, "test-statement/statement.md")
        #expect(markdown.contains("- Meduza, Latvia (joined 10 May 2018)\n"))
    }

    @Test("one edition says only when it was published")
    func oneEdition() throws {
        let (folder, _) = try SiteFixture.build(try SiteFixture.database(editions: ["2018-04-30"]))
        let html = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(html.contains("<p class=\"editions\">Published 30 April 2018</p>"))
    }

    @Test("the Russian edition is in Russian, sorted for Russian, and linked both ways with hreflang")
    func russianEdition() throws {
        let (folder, _) = try SiteFixture.build(try SiteFixture.database())
        let ru = try SiteFixture.read(folder, "test-statement/ru/index.html")
        #expect(ru.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
        #expect(ru.contains("<h2 id=\"signatories\">Подписавшие</h2>"))
        #expect(ru.contains("<p class=\"count\">3 организации из 3 стран</p>"))
        #expect(ru.contains("Впервые опубликовано 30 апреля 2018 г.; обновлено 16 мая 2018 г."))
        #expect(ru.contains("присоединилась 10 мая 2018 г."))
        #expect(ru.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../../test-statement/index.html\">"))
        #expect(ru.contains("<a href=\"../signatories.csv\">"))
        let en = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"ru\" href=\"../test-statement/ru/index.html\">"))
        #expect(en.contains("<span aria-current=\"page\">English</span>"))
    }

    @Test("a translation names the addressees in its language; an addressee it leaves out keeps the original's name")
    func translatedAddresseeNames() throws {
        let db = try SiteFixture.database()
        let named = SiteFixture.translation.replacingOccurrences(
            of: "language: ru\n", with: "language: ru\naddressees:\n  - key: russia\n    name: Российские власти\n")
        let file = try Fixture.statement(named, path: "statements/test-statement.ru.md")
        #expect(file.addresseeNames == [StatementFile.TranslatedName(key: "russia", name: "Российские власти", line: 7)])
        #expect(try db.addStatement(file, actor: "t") == .translation(slug: "test-statement", language: "ru", translatesVersion: 1))
        #expect(try db.addStatement(file, actor: "t") == .unchanged(slug: "test-statement"))
        let (folder, _) = try SiteFixture.build(db)
        let ru = try SiteFixture.read(folder, "test-statement/ru/index.html")
        #expect(ru.contains("Российские власти"))
        #expect(!ru.contains("Russian authorities"))
        #expect(ru.contains("Internet companies"))
        let en = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(en.contains("Russian authorities") && !en.contains("Российские власти"))
        // A name alone can change: it is not signed text, so no new version.
        let renamed = try Fixture.statement(named.replacingOccurrences(of: "Российские власти", with: "Власти России"),
                                            path: "statements/test-statement.ru.md")
        _ = try db.addStatement(renamed, actor: "t")
        let ru2 = try SiteFixture.read(try SiteFixture.build(db).folder, "test-statement/ru/index.html")
        #expect(ru2.contains("Власти России") && !ru2.contains("Российские власти"))
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT max(number) FROM statementVersion WHERE language = 'ru'") } == 1)
    }

    @Test("--lang ru: the pages across statements are in Russian and show each statement's Russian text")
    func siteInRussian() throws {
        let db = try SiteFixture.database()
        let folder = try RenderingFixtures.temporaryDirectory()
        _ = try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false, language: "ru"))
        let index = try SiteFixture.read(folder, "index.html")
        #expect(index.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
        #expect(index.contains("<a href=\"test-statement/ru/index.html\">Тестовое заявление</a>"))
        let organisation = try SiteFixture.read(folder, "organisations/article-19.html")
        #expect(organisation.contains("<html lang=\"ru\">"))
        #expect(organisation.contains("Отменить запрет на VPN.") && !organisation.contains("Repeal the ban on VPNs"))
        #expect(organisation.contains("Тестовое заявление"))
        let demand = try SiteFixture.read(folder, "demands/repeal-vpn-ban.html")
        #expect(demand.contains("Отменить запрет на VPN."))
        // Statement pages keep their own languages.
        #expect(try SiteFixture.read(folder, "test-statement/index.html").contains("<html lang=\"en\">"))
        #expect(throws: JointlyError.invalidValue(field: "language", value: "r u", reason: "not a language tag such as en, ru or pt-BR")) {
            try SiteBuilder.build(database: db, options: SiteOptions(output: folder, pdf: false, language: "r u"))
        }
    }

    @Test("drafts and open statements never appear")
    func privateStatementsLeftOut() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Secret Coalition Member", country: "GB"), actor: "t")
        let (folder, report) = try SiteFixture.build(db)
        #expect(report.statements == 0)
        #expect(SiteFixture.files(folder).sorted() == [".jointly-site", "feed.xml", "index.html", "style.css"])
        #expect(!(try SiteFixture.read(folder, "index.html")).contains("A test statement"))
        try db.write { try $0.execute(sql: "UPDATE statement SET status = 'open'") }
        #expect(try SiteFixture.build(db).report.statements == 0)
    }

    /// Closing an open statement that never had an edition put its list, private until then,
    /// on the site and on the organisations' pages.
    @Test("a statement closed before it was ever published stays off the site")
    func closedWithoutAnEditionLeftOut() throws {
        let db = try Fixture.database()
        _ = try db.openStatement(slug: "test-statement", actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Secret Coalition Member", country: "GB"), actor: "t")
        let closed = try db.closeStatement(slug: "test-statement", force: false, actor: "t")
        #expect(closed.status == .closed && !closed.isPublic)
        let (folder, report) = try SiteFixture.build(db)
        #expect(report.statements == 0)
        #expect(SiteFixture.files(folder).sorted() == [".jointly-site", "feed.xml", "index.html", "style.css"])
        for file in SiteFixture.files(folder) where !file.hasPrefix(".") {
            #expect(!(try SiteFixture.read(folder, file)).contains("Secret Coalition Member"), "\(file)")
        }
    }

    @Test("the same database gives byte-identical files")
    func deterministic() throws {
        let db = try SiteFixture.database()
        let first = try SiteFixture.build(db).folder
        let second = try SiteFixture.build(db).folder
        let files = SiteFixture.files(first)
        #expect(files == SiteFixture.files(second))
        for file in files {
            #expect(FileManager.default.contents(atPath: first + "/" + file) == FileManager.default.contents(atPath: second + "/" + file), "\(file) differs")
        }
    }

    @Test("a rebuild removes what is no longer produced and leaves everything else alone")
    func staleFilesRemovedOthersKept() throws {
        let db = try SiteFixture.database()
        let (folder, _) = try SiteFixture.build(db)
        try "statements.example.org".write(toFile: folder + "/CNAME", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        try "ref".write(toFile: folder + "/.git/HEAD", atomically: true, encoding: .utf8)
        try "mine".write(toFile: folder + "/test-statement/notes.txt", atomically: true, encoding: .utf8)

        try db.write { try $0.execute(sql: "UPDATE statement SET status = 'draft'") }
        let report = try SiteFixture.build(db, into: folder).report
        #expect(report.removed > 10)
        let files = SiteFixture.files(folder)
        #expect(files.contains("CNAME") && files.contains(".git/HEAD") && files.contains("test-statement/notes.txt"))
        #expect(!files.contains("test-statement/index.html"))
        #expect(!files.contains { $0.hasPrefix("organisations/") || $0.hasPrefix("demands/") || $0.hasPrefix("test-statement/ru") })
        #expect(!files.contains { $0.hasSuffix(".jointly-tmp") })
    }

    @Test("a signatory of an earlier version says so, and the page names the current version")
    func signedVersion() throws {
        let db = try SiteFixture.database()
        let changed = Fixture.statementText.replacingOccurrences(of: "The body.", with: "The body, amended.")
        _ = try db.addStatement(try Fixture.statement(changed), actor: "t", newVersion: true, note: "amended")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Access Now", country: "US", signedAt: "2018-05-20"), actor: "t")
        let (folder, report) = try SiteFixture.build(db)
        let html = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(html.contains("Human Rights Watch</a> (HRW)<span class=\"country\">, United States</span> <span class=\"version\">(signed version 1)</span>"))
        #expect(!html.contains("Access Now</a><span class=\"country\">, United States</span> <span class=\"joined\">(joined 20 May 2018)</span> <span class=\"version\">"))
        #expect(html.contains("Version 2 of the text is current."))
        // The Russian translation was made for version 1: it is published with a notice, and the build warns.
        let ru = try SiteFixture.read(folder, "test-statement/ru/index.html")
        #expect(ru.contains("<p class=\"notice lag\">Этот перевод сделан для версии 1 текста; авторитетный текст теперь — версия 2"))
        #expect(report.warnings.contains { $0.contains("test-statement.ru.md translates version 1, but version 2 is current") })
    }

    @Test("signatories are grouped by kind or by country when the statement asks")
    func grouping() throws {
        let db = try SiteFixture.database()
        try db.write { try $0.execute(sql: "UPDATE statement SET groupBy = 'kind'") }
        var html = try SiteFixture.read(try SiteFixture.build(db).folder, "test-statement/index.html")
        let ngo = try #require(html.range(of: "<h3>Non-governmental organisations</h3>"))
        let media = try #require(html.range(of: "<h3>Media</h3>"))
        #expect(ngo.lowerBound < media.lowerBound)
        try db.write { try $0.execute(sql: "UPDATE statement SET groupBy = 'country'") }
        html = try SiteFixture.read(try SiteFixture.build(db).folder, "test-statement/index.html")
        let headings = html.components(separatedBy: "\n").filter { $0.hasPrefix("<h3>") && !$0.contains("id=") }
        #expect(headings == ["<h3>Latvia</h3>", "<h3>United Kingdom</h3>", "<h3>United States</h3>"])
    }

    @Test("an organisation's page lists what it signed and the demands it endorsed, by addressee")
    func organisationPage() throws {
        let (folder, _) = try SiteFixture.build(try SiteFixture.database())
        let page = try SiteFixture.read(folder, "organisations/article-19.html")
        #expect(page.contains("<h1>ARTICLE 19</h1>"))
        #expect(page.contains("<a href=\"../test-statement/index.html\">A test statement</a>"))
        #expect(page.contains("<h3>To Russian authorities</h3>"))
        #expect(page.contains("Repeal the ban on VPNs and anonymisers."))
        #expect(!page.contains("Stop blocking Telegram."), "ARTICLE 19 endorsed only repeal-vpn-ban")
        let demand = try SiteFixture.read(folder, "demands/unblock-telegram.html")
        #expect(demand.contains("<h1>Stop blocking Telegram.</h1>"))
        #expect(demand.contains(">Human Rights Watch</a>") && demand.contains(">Meduza</a>"))
        #expect(!demand.contains("ARTICLE 19</a>"))
    }

    @Test("the downloads hold public fields only, formulas neutralised")
    func downloads() throws {
        let db = try SiteFixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "=HYPERLINK(1)", country: "GB", signedAt: "2018-04-30"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(
            organisation: "A University", country: "GB", person: "A Professor", signedAt: "2018-04-30", onBehalf: false), actor: "t")
        let (folder, _) = try SiteFixture.build(db)
        let csv = try SiteFixture.read(folder, "test-statement/signatories.csv")
        #expect(csv.hasPrefix("org,short-name,country,kind,website,signed-at,demands,on-behalf\r\n"))
        #expect(csv.contains("'=HYPERLINK(1),,GB,"))
        #expect(csv.contains("ARTICLE 19,,GB,ngo,https://www.article19.org,2018-04-30,repeal-vpn-ban,true\r\n"))
        // A person signed in their own name: the list must not say the university signed.
        #expect(csv.contains("A University,,GB,,,2018-04-30,unblock-telegram;repeal-vpn-ban;resist-unlawful-orders,false\r\n"))
        #expect(!csv.contains("A Professor"))
        let json = try SiteFixture.read(folder, "test-statement/signatories.json")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(decoded.count == 5)
        #expect(Set(decoded[0].keys) == ["organisation", "shortName", "country", "website", "kind", "demands", "signedAt", "version", "onBehalf"])
        #expect(decoded.first { $0["organisation"] as? String == "A University" }?["onBehalf"] as? Bool == false)
    }

    @Test("the feed is Atom with one entry per statement")
    func feed() throws {
        let db = try SiteFixture.database()
        let folder = try RenderingFixtures.temporaryDirectory()
        _ = try SiteBuilder.build(database: db, options: SiteOptions(output: folder, baseURL: "https://example.org/s", pdf: false))
        let feed = try SiteFixture.read(folder, "feed.xml")
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/s/\">"))
        #expect(feed.contains("<id>https://example.org/s/test-statement/</id>"))
        #expect(feed.contains("<updated>2018-05-16T00:00:00Z</updated>"))
        #expect(feed.components(separatedBy: "<entry>").count == 2)
        let page = try SiteFixture.read(folder, "test-statement/index.html")
        #expect(page.contains("hreflang=\"ru\" href=\"https://example.org/s/test-statement/ru/\""))
    }
}

@Suite("Organisation slugs")
struct OrganisationSlugTests {
    @Test("names become URL-safe ASCII", arguments: [
        ("ARTICLE 19", "article-19"), ("Reporters sans frontières", "reporters-sans-frontieres"),
        ("ОВД-Инфо", "ovd-info"), ("Roskomsvoboda / РосКомСвобода", "roskomsvoboda-roskomsvoboda"),
        ("Fundacja Panoptykon (Łódź)", "fundacja-panoptykon-lodz"), ("*Bold* <script>", "bold-script"),
        ("中国人权", "u4e2d-u56fd-u4eba-u6743"),
    ])
    func slugs(name: String, slug: String) {
        #expect(OrganisationSlugs.slug(name) == slug)
    }

    /// Slugs as the build assigns them (`SiteOrganisations`): in id order, each given the ones taken before it.
    func assignedSlugs(_ organisations: [(id: Int64, name: String, country: String?)]) -> [Int64: String] {
        var taken = Set<String>()
        var slugs: [Int64: String] = [:]
        for organisation in organisations {
            let slug = OrganisationSlugs.slug(id: organisation.id, name: organisation.name, country: organisation.country) {
                taken.contains($0)
            }
            taken.insert(slug)
            slugs[organisation.id] = slug
        }
        return slugs
    }

    @Test("collisions are told apart by country, then id, the oldest keeping the plain slug")
    func collisions() {
        let slugs = assignedSlugs([
            (3, "Amnesty International", "GB"), (7, "Amnesty International", "US"),
            (9, "amnesty international!", "US"), (11, "!!!", nil),
        ])
        #expect(slugs == [3: "amnesty-international", 7: "amnesty-international-us", 9: "amnesty-international-9", 11: "organisation-11"])
    }

    @Test("an id-suffixed slug that an older name already gives is counted on, so no two pages share a file")
    func idSlugTaken() {
        let slugs = assignedSlugs([
            (1, "Foo 3", nil), (2, "Foo", nil), (3, "Foo", nil), (4, "Foo 5 gb", nil), (5, "Foo", "GB"), (6, "Foo", "GB"),
        ])
        #expect(slugs == [1: "foo-3", 2: "foo", 3: "foo-3-2", 4: "foo-5-gb", 5: "foo-gb", 6: "foo-6"])
        #expect(Set(slugs.values).count == slugs.count)
    }
}

@Suite("Language files")
struct SiteStringsTests {
    @Test("Russian plurals take three forms")
    func russianPlurals() throws {
        let ru = try #require(try StringCatalog.defaults.strings(for: "ru"))
        #expect(ru.countLine(organisations: 1, countries: 1) == "1 организация из 1 страны")
        #expect(ru.countLine(organisations: 53, countries: 14) == "53 организации из 14 стран")
        #expect(ru.countLine(organisations: 65, countries: 21) == "65 организаций из 21 страны")
        #expect(ru.date("2018-05-16") == "16 мая 2018 г.")
        #expect(ru.countryName("GB") == "Великобритания")
    }

    @Test("English counts agree in number")
    func englishCounts() throws {
        let en = try StringCatalog.defaults.english
        #expect(en.countLine(organisations: 53, countries: 14) == "53 organisations from 14 countries")
        #expect(en.countLine(organisations: 1, countries: 1) == "1 organisation from 1 country")
        #expect(en.unnamedLine(count: 0) == "")
    }

    @Test("a language file with a missing or unknown key is refused with its line")
    func strictFiles() throws {
        var files = DefaultI18nFiles.files
        files["fr.yml"] = (files["en.yml"] ?? "")
            .replacingOccurrences(of: "signatories: Signatories\n", with: "")
            .replacingOccurrences(of: "demands: Demands\n", with: "demands: Demands\ndemandz: Exigences\n")
        #expect(throws: JointlyError.self) { try StringCatalog(files: files) }
        do {
            _ = try StringCatalog(files: files)
        } catch let error as JointlyError {
            let lines = error.lines
            #expect(lines.contains { $0.hasPrefix("templates/i18n/fr.yml:") && $0.contains("unknown key 'demandz'") })
            #expect(lines.contains { $0.contains("lacks the keys signatories") })
        }
        files["fr.yml"] = "a: &x 1\nb: *x\n"
        #expect(throws: JointlyError.self) { try StringCatalog(files: files) }
    }

    @Test("a project's language file from an older Jointly gets the words added since from Jointly's own")
    func olderProjectFilesGetNewWords() throws {
        var files = DefaultI18nFiles.files
        for name in ["en.yml", "ru.yml"] {
            files[name] = (files[name] ?? "").split(separator: "\n").filter { !$0.hasPrefix("affiliation-only:") }.joined(separator: "\n") + "\n"
        }
        files["en.yml"] = (files["en.yml"] ?? "").replacingOccurrences(of: "signatories: Signatories\n", with: "signatories: Our signatories\n")
        let catalog = try StringCatalog(files: files, origins: ["en.yml": "templates/i18n/en.yml", "ru.yml": "templates/i18n/ru.yml"])
        #expect(catalog.english.text("affiliation-only") == "affiliation only: a person signed in their own name")
        #expect(catalog.english.text("signatories") == "Our signatories", "the project's own words win")
        #expect(catalog.strings(for: "ru")?.text("affiliation-only") == "место работы: подписал человек от своего имени")
    }

    @Test("the compiled language files equal templates/i18n byte for byte")
    func defaultsMatchFolder() throws {
        let folder = RenderingFixtures.repositoryRoot.appendingPathComponent("templates/i18n")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        #expect(Set(names) == Set(DefaultI18nFiles.files.keys), "run `make embed`")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(DefaultI18nFiles.files[name] == text, "\(name) differs from the compiled copy; run `make embed`")
        }
    }
}
