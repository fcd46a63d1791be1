import Foundation
import GRDB
import Testing
@testable import JointlyKit

/// Helpers for import tests: files in a temporary folder, and a snapshot of every table.
enum ImportFixture {
    static let slug = "test-statement"

    static func fixture(_ name: String) -> String {
        Fixture.repositoryRoot.appendingPathComponent("Tests/JointlyKitTests/Fixtures/\(name)").path
    }

    /// Writes `text` (or `bytes`) to a new temporary file named `name`; returns its path.
    static func file(_ name: String, _ text: String? = nil, bytes: [UInt8]? = nil) throws -> String {
        let url = try Fixture.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes ?? Array((text ?? "").utf8)).write(to: url)
        return url.path
    }

    /// Every row of every table, as text: equal snapshots mean an unchanged database.
    static func snapshot(_ db: AppDatabase) throws -> [String] {
        try db.read { db in
            var lines: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") { lines.append("\(table): \(row)") }
            }
            return lines
        }
    }

    static func importing(_ db: AppDatabase, _ path: String, _ options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        try db.importSignatories(slug: slug, path: path, options: options, actor: "t")
    }

    /// The lines of the error an import throws, with the database checked unchanged.
    static func failure(_ db: AppDatabase, _ path: String, _ options: ImportOptions = ImportOptions()) throws -> [String] {
        let before = try snapshot(db)
        do {
            _ = try importing(db, path, options)
        } catch let error as JointlyError {
            #expect(try snapshot(db) == before, "a failed import changed the database")
            return error.lines
        }
        Issue.record("the import succeeded")
        return []
    }
}

@Suite struct ImportFormatTests {
    @Test func aGoogleFormsExportWithBOMCRLFAndAMultiLineAnswerImports() throws {
        let db = try Fixture.database(clock: Fixture.laterClock)
        let summary = try ImportFixture.importing(db, ImportFixture.fixture("google-forms.csv"))
        #expect(summary.rows == 3)
        #expect(summary.signatures == 3)
        #expect(summary.ignoredColumns == ["Anything else we should know?"])
        let list = try db.signatories(slug: ImportFixture.slug).sorted { $0.organisation < $1.organisation }
        #expect(list.map(\.organisation) == ["Electronic Frontier Foundation, Inc.", "OVD-Info", "Privacy International"])
        #expect(list.map(\.country) == ["US", "RU", "GB"])
        #expect(list.map(\.signedAt) == ["2018-05-04", "2018-05-02", "2018-05-03"])
        #expect(list[1].demands == ["unblock-telegram", "repeal-vpn-ban"])
        // The form's checkboxes were the demands' texts.
        #expect(list[2].demands == ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders"])
        #expect(list.allSatisfy { $0.status == .pending })
        let emails = try db.read { try String.fetchAll($0, sql: "SELECT email FROM contact ORDER BY email") }
        #expect(emails == ["info@privacy.example", "press@ovd.example"])
    }

    @Test func aSemicolonWindows1252ExcelExportImportsWithEncodingAndDateOrder() throws {
        let db = try Fixture.database(clock: Fixture.laterClock)
        let path = ImportFixture.fixture("excel-semicolon-windows-1252.csv")
        let lines = try ImportFixture.failure(db, path, ImportOptions(encoding: .windows1252))
        #expect(lines.first?.contains("could be day first or month first; add --date-order dmy (2 May) or --date-order mdy (February 5)") == true)
        let summary = try ImportFixture.importing(db, path, ImportOptions(encoding: .windows1252, dateOrder: .dmy))
        #expect(summary.signatures == 3)
        let list = try db.signatories(slug: ImportFixture.slug).sorted { $0.organisation < $1.organisation }
        #expect(list.map(\.organisation) == ["Reporter ohne Grenzen", "Société Générale des Journalistes", "Stowarzyszenie \"Wolne Media\""])
        #expect(list.map(\.signedAt) == ["2018-05-03", "2018-05-02", "2018-05-04"])
        #expect(list.map(\.country) == ["DE", "FR", "PL"])
        #expect(list[1].kind == "union")
    }

    @Test func withoutTheEncodingAWindows1252FileIsRefusedAtItsLine() throws {
        let db = try Fixture.database()
        let lines = try ImportFixture.failure(db, ImportFixture.fixture("excel-semicolon-windows-1252.csv"), ImportOptions(dateOrder: .dmy))
        #expect(lines.count == 1)
        #expect(lines[0].hasSuffix("excel-semicolon-windows-1252.csv:2: text is not valid UTF-8: if Excel saved it as plain \"CSV\" (Windows, ANSI), add --encoding windows-1252; else save the file as \"CSV UTF-8\" (in LibreOffice: character set \"Unicode (UTF-8)\")"))
    }

    /// "--encoding windows-1252" on a file saved as UTF-8 would store 'AssociaÃ§Ã£o'.
    @Test func aUTF8FileReadAsWindows1252IsRefused() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("utf8.csv", "org;country\nAssociação Portuguesa;PT\nМемориал;RU\n")
        let lines = try ImportFixture.failure(db, path, ImportOptions(encoding: .windows1252))
        #expect(lines == ["\(path): is UTF-8, not windows-1252 (its accented or non-Latin letters are UTF-8's byte pairs; read as windows-1252 'é' would become 'Ã©'): leave out --encoding"])
    }

    @Test func plainUTF8IsToldFromWindows1252AndACutSequence() {
        #expect(ImportInput.isPlainlyUTF8(Array("Société".utf8)))
        #expect(ImportInput.isPlainlyUTF8(Array(Array("Soci\u{E9}t\u{E9}".utf8).dropLast())))
        #expect(!ImportInput.isPlainlyUTF8(Array("plain ASCII".utf8)))
        #expect(!ImportInput.isPlainlyUTF8([0x53, 0x6F, 0x63, 0x69, 0xE9, 0x74, 0xE9]))  // "Société" in windows-1252
    }

    @Test func anNDJSONFileImportsWithItsKeys() throws {
        let db = try Fixture.database(clock: Fixture.laterClock)
        let summary = try ImportFixture.importing(db, ImportFixture.fixture("signatories.ndjson"))
        #expect(summary.signatures == 3)
        let list = try db.signatories(slug: ImportFixture.slug).sorted { $0.organisation < $1.organisation }
        #expect(list.map(\.organisation) == ["A regional group", "Access Now", "Roskomsvoboda"])
        #expect(list[0].unnamed)
        #expect(list[1].status == .verified && list[1].person == "Jane Doe" && list[1].demands == ["unblock-telegram", "resist-unlawful-orders"])
        #expect(list[2].signedAt == "2018-05-02" && list[2].status == .pending)
    }

    @Test func aJSONArrayAndAUTF16TSVImport() throws {
        let db = try Fixture.database()
        let json = try ImportFixture.file("list.json", """
            [
              {"organisation": "Team 29", "country": "Russia", "demands": ["repeal-vpn-ban"]},
              {"organisation": "Memorial", "country": "RU"}
            ]
            """)
        #expect(try ImportFixture.importing(db, json).signatures == 2)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "org\tcountry\r\nМемориал Германия\tGermany\r\nZoë 🌍 Group\tFR\r\n".utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let tsv = try ImportFixture.file("unicode.tsv", bytes: bytes)
        #expect(try ImportFixture.importing(db, tsv).signatures == 2)
        let names = try db.signatories(slug: ImportFixture.slug).map(\.organisation).sorted()
        #expect(names == ["Memorial", "Team 29", "Zoë 🌍 Group", "Мемориал Германия"])
    }

    @Test func aJSONElementThatIsNotAnObjectIsNamedByLine() throws {
        let db = try Fixture.database()
        let json = try ImportFixture.file("list.json", "[\n  {\"organisation\": \"A\"},\n  \"B\"\n]\n")
        #expect(try ImportFixture.failure(db, json) == ["\(json):3: each element of the array must be an object such as {\"organisation\": \"…\"}"])
    }

    @Test func mapOverridesAndTheMissingOrganisationColumnNamesTheHeaders() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("form.csv", "Signing body,Where\nOVD-Info,RU\n")
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):1: no column holds the organisation's name (org); the headers are: 'Signing body', 'Where'; name it with --map \"COLUMN=org\""
        ])
        let options = ImportOptions(mappings: [try ColumnMapping("Signing body=org"), try ColumnMapping("Where=country")])
        #expect(try ImportFixture.importing(db, path, options).signatures == 1)
        #expect(try db.signatories(slug: ImportFixture.slug)[0].country == "RU")
    }

    /// A form's own question about naming, left unread, published every group that said
    /// yes to signing anonymously: the import stops until told what the column means.
    @Test func aColumnAskingWhetherAGroupMayBeNamedIsNeverLeftUnread() throws {
        let db = try Fixture.database()
        let question = "Would you like to sign anonymously?"
        let path = try ImportFixture.file("form.csv", "Organisation,Country,\(question)\nRisky Group,RU,Yes\nSafe Group,GB,No\n")
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):1: the column '\(question)' may say whether a group may be named, and no field reads it, so nothing was imported: "
                + "if a yes there means \"do not name us\", read it with --map '\(question)=unnamed'; if it means the opposite "
                + "(\"may we publish your name?\"), turn it into an 'unnamed' column first; to leave it unread, --map '\(question)=ignore'",
        ])
        let published = try ImportFixture.file("publish.csv", "Organisation,May we publish your organisation's name?\nA,Yes\n")
        #expect(try ImportFixture.failure(db, published).first?.contains("may say whether a group may be named") == true)
        let summary = try ImportFixture.importing(db, path, ImportOptions(mappings: [try ColumnMapping("\(question)=unnamed")]))
        #expect(summary.signatures == 2)
        #expect(try db.signatories(slug: ImportFixture.slug).map { "\($0.organisation) \($0.unnamed)" }.sorted()
            == ["Risky Group true", "Safe Group false"])
        // Told to leave it, the import does, and says so.
        let ignored = try ImportFixture.importing(db, published, ImportOptions(mappings: [try ColumnMapping("May we publish your organisation's name?=ignore")]))
        #expect(ignored.signatures == 1 && ignored.ignoredColumns == ["May we publish your organisation's name?"])
    }

    @Test func anEmailAddressInTheNameColumnsFailsTheImport() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("swapped.csv", "org,person,email\nOVD-Info,jane@ovd.info,Jane\n")
        let before = try ImportFixture.snapshot(db)
        let failure = try ImportFixture.failure(db, path)
        #expect(failure.count == 2, "\(failure)")
        #expect(failure.contains { $0.hasPrefix("\(path):2: person 'jane@ovd.info': looks like an e-mail address") }, "\(failure)")
        #expect(try ImportFixture.snapshot(db) == before)
    }

    /// A coordinator re-imports the sheet of groups now confirmed to verify them.
    @Test func aVerifiedImportWithUpdateVerifiesPendingSignaturesAndOnlyThose() throws {
        let db = try Fixture.database()
        let first = try ImportFixture.file("first.csv", "org\nPending Group\nRejected Group\n")
        _ = try ImportFixture.importing(db, first)
        _ = try db.reject(slug: ImportFixture.slug, organisation: "Rejected Group", reason: "not real", actor: "t")
        let skipped = try ImportFixture.importing(db, first, ImportOptions(verified: true))
        #expect(skipped.duplicatesSkipped == 2 && skipped.updated == 0)
        let summary = try ImportFixture.importing(db, first, ImportOptions(verified: true, onDuplicate: .update))
        #expect(summary.updated == 1 && summary.duplicatesSkipped == 1)
        let statuses = try db.signatories(slug: ImportFixture.slug, filter: .all).map { "\($0.organisation) \($0.status)" }.sorted()
        #expect(statuses == ["Pending Group verified", "Rejected Group rejected"])
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT verifiedAt FROM signature WHERE status = 'verified'") } != nil)
    }

    /// `--encoding utf-16` on a file with no byte order mark, either byte order.
    @Test(arguments: [false, true])
    func utf16WithoutAByteOrderMarkIsReadInTheOrderItWasWritten(bigEndian: Bool) throws {
        let db = try Fixture.database()
        var bytes: [UInt8] = []
        for unit in "org,country\nМемориал,DE\nZoë Group,FR\n".utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let path = try ImportFixture.file("nobom.csv", bytes: bytes)
        #expect(try ImportFixture.importing(db, path, ImportOptions(encoding: .utf16)).signatures == 2)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.organisation).sorted() == ["Zoë Group", "Мемориал"])
    }

    @Test func twoKeysForOneFieldAreReportedOnceNotOnEveryLine() throws {
        let db = try Fixture.database()
        let lines = ["{\"org\": \"A\"}"] + Array(repeating: "{\"org\": \"B\", \"organisation\": \"B\"}", count: 5)
        let path = try ImportFixture.file("two.ndjson", lines.joined(separator: "\n") + "\n")
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):2: the columns 'org' and 'organisation' both read as 'org'; keep one, or choose with --map \"organisation=org\" --map \"org=ignore\""
        ])
    }

    /// Microsoft Forms' export of a form that collects no addresses.
    @Test func microsoftFormsAnonymousEmailIsNoEmail() throws {
        let db = try Fixture.database(clock: Fixture.laterClock)
        let path = try ImportFixture.file("ms.csv", "ID,Start time,Completion time,Email,Name,Organisation\n1,5/2/18 10:14:03,5/2/18 10:16:40,anonymous,,OVD-Info\n")
        #expect(try ImportFixture.importing(db, path, ImportOptions(dateOrder: .mdy)).signatures == 1)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contact") } == 0)
    }

    @Test func theFirstTwentySkippedRowsAreNamedAndTheRestCounted() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("many.csv", "org\n" + String(repeating: "Same Group\n", count: 26))
        let summary = try ImportFixture.importing(db, path)
        #expect(summary.duplicatesSkipped == 25 && summary.skipped.count == SkippedRow.shown)
        #expect(summary.skipped.first == SkippedRow(line: 3, name: "Same Group", organisation: "Same Group", status: nil))
        #expect(summary.skipped.last?.line == 22)
    }

    /// The phone number was published as the organisation's name, and the real name column ignored.
    @Test func aColumnAboutTheOrganisationIsNotTakenForItsName() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("form.csv", "Organisation phone number,Name of your group,Title of organisation\n+7 495 000,OVD-Info,Director\n")
        #expect(try ImportFixture.importing(db, path).signatures == 1)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.organisation) == ["OVD-Info"])
    }

    @Test func standardSpellingsOfHeadersAreRecognised() {
        let cases: [(String, ImportField?)] = [
            ("Organisation", .org), ("Organization name", .org), ("Name of organisation", .org),
            ("What is the name of your organization?", .org), ("Country/Region", .country), ("Website", .website),
            ("Email address", .email), ("Timestamp", .signedAt), ("Demands", .demands), ("Completion time", .signedAt),
            ("Start time", nil), ("signedAt", .signedAt), ("shortName", .shortName), ("Comments", nil),
            ("Organisation/Group", .org), ("Full legal name of your organisation", .org),
            ("Organisation on whose behalf you sign", .org), ("Type of your organisation", .kind),
            // A header that names the organisation but asks for something else is not the name.
            ("Organisation phone number", nil), ("Organisation Twitter", nil), ("Title of organisation", nil),
            ("Organisation address", nil), ("Group size", nil), ("Short name of organisation", .shortName),
            ("Organisation abbreviation", .shortName), ("Organisation email", .email), ("Organisation's website", .website),
        ]
        for (header, field) in cases { #expect(ImportColumns.field(forHeader: header) == field, "\(header)") }
    }
}

@Suite struct ImportFailureTests {
    @Test func everyInvalidRowIsReportedByLineAndNothingIsWritten() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Existing"), actor: "t")
        let path = try ImportFixture.file("bad.csv", """
            org,country,demands,signed-at
            Good One,GB,,
            Bad Country,Narnia,,
            Bad Demand,GB,repeal-everything,
            ,GB,,
            Bad Date,GB,,5/4/2018
            """)
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):3: country 'Narnia': not an ISO 3166-1 country; use a two-letter code such as GB, RU or US",
            "\(path):4: 'test-statement' has no demand 'repeal-everything'; its demands are: unblock-telegram, repeal-vpn-ban, resist-unlawful-orders",
            "\(path):5: org '': a name cannot be empty",
            "\(path):6: signed-at '5/4/2018': could be day first or month first; add --date-order dmy (5 April) or --date-order mdy (May 4)",
        ])
    }

    @Test func anUnterminatedQuoteIsReportedWhereItsFieldOpens() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("broken.csv", "org,country\nA,GB\n\"B,GB\nC,GB\nD,GB\n")
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):3: quoted field is never closed: add the closing '\"' (a quote inside a quoted field is written twice, \"\")"
        ])
    }

    @Test func invalidUTF8IsRefusedAtItsLine() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("latin1.csv", bytes: Array("org\nA\nB".utf8) + [0xE9] + Array("\n".utf8))
        let lines = try ImportFixture.failure(db, path)
        #expect(lines.count == 1 && lines[0].hasPrefix("\(path):3: text is not valid UTF-8"))
    }

    @Test func onlyTheFirstTwentyProblemsAreReported() throws {
        let db = try Fixture.database()
        let body = (1...30).map { "Org \($0),Narnia" }.joined(separator: "\n")
        let path = try ImportFixture.file("many.csv", "org,country\n" + body + "\n")
        let lines = try ImportFixture.failure(db, path)
        #expect(lines.count == 21)
        #expect(lines[19].hasPrefix("\(path):21: "))
        #expect(lines.last == "\(path): stopped after 20 problems; fix these and run the import again to find any others")
    }

    /// Files longer than the hand-over between the reading and the writing thread holds
    /// (batches of 512, 8 waiting): problems keep file order across batches, and a broken
    /// quote far past the twentieth problem still ends the import at its line.
    @Test func problemsKeepFileOrderAcrossTheReadingThreadsBatches() throws {
        let db = try Fixture.database()
        var rows = (1...6_000).map { "Org \($0),GB" }
        for line in stride(from: 700, through: 6_000, by: 250) { rows[line - 2] = "Org \(line),Narnia" }
        let path = try ImportFixture.file("long.csv", "org,country\n" + rows.joined(separator: "\n") + "\n")
        let lines = try ImportFixture.failure(db, path)
        #expect(lines.count == 21)
        #expect(lines.first?.hasPrefix("\(path):700: country 'Narnia'") == true)
        #expect(lines[19].hasPrefix("\(path):5450: country 'Narnia'"))

        rows[5_500] = "\"Org never closed,GB"
        let broken = try ImportFixture.file("long-broken.csv", "org,country\n" + rows.joined(separator: "\n") + "\n")
        let brokenLines = try ImportFixture.failure(db, broken)
        #expect(brokenLines.count == 21)
        #expect(brokenLines.first?.hasPrefix("\(broken):700: ") == true)
        // What ended the reading is never cut off by the rows' problems before it.
        #expect(brokenLines[19].hasPrefix("\(broken):5502: quoted field is never closed"))

        let few = Array(rows.prefix(5_400))
        let tail = try ImportFixture.file("long-tail.csv", "org,country\n" + few.joined(separator: "\n") + "\n\"Org never closed,GB\n")
        #expect(try ImportFixture.failure(db, tail).last == "\(tail):5402: quoted field is never closed: add the closing '\"' (a quote inside a quoted field is written twice, \"\")")

        let clean = (1...6_000).map { "Org \($0),GB" }
        let good = try ImportFixture.file("long-good.csv", "org,country\n" + clean.joined(separator: "\n") + "\n")
        let summary = try ImportFixture.importing(db, good)
        #expect(summary.rows == 6_000 && summary.signatures == 6_000)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT max(organisationId) - min(organisationId) FROM signature") } == 5_999)
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let db = try Fixture.database()
        let before = try ImportFixture.snapshot(db)
        let path = try ImportFixture.file("ok.csv", "org,country\nAmnesty International,GB\nAmnesty Intl,GB\n")
        let summary = try ImportFixture.importing(db, path, ImportOptions(dryRun: true))
        #expect(summary.line == "would import 2 rows: 2 new signatures, 2 new organisations, 0 duplicates skipped, 1 possible near-duplicate (below); nothing was written (dry run)")
        #expect(try ImportFixture.snapshot(db) == before)
    }
}

@Suite struct ImportDuplicateTests {
    /// A sheet exported again still says "Congo" of a group stored since as CD: the row
    /// means that group. Where no group of the name is stored in exactly one of the two,
    /// the row is refused with both codes, as before, and beside the row's other problems.
    @Test func aTwoCountryNameMeansTheCountryItsOrganisationIsStoredWith() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Kinshasa Voices", country: "CD"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Twice", country: "CD"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Twice", country: "CG", website: "https://twice.example"), actor: "t")
        let again = try ImportFixture.file("again.csv", "org,country,website\nKinshasa Voices,Congo,https://kv.example\n")
        let summary = try ImportFixture.importing(db, again)
        #expect(summary.duplicatesSkipped == 1 && summary.organisationsCompleted == 1 && summary.signatures == 0)
        #expect(try db.organisation(named: "Kinshasa Voices").organisation.website == "https://kv.example")

        let path = try ImportFixture.file("congo.csv", """
            org,country,demands
            Twice,Congo,
            New Group,the Congo,
            Kinshasa Voices,Congo,nope
            ",",Congo,

            """)
        let problems = try ImportFixture.failure(db, path)
        let ambiguity = "country 'Congo': could be CD (Congo - Kinshasa) or CG (Congo - Brazzaville); give the code of the one meant"
        #expect(problems == [
            "\(path):2: \(ambiguity)",
            "\(path):3: " + ambiguity.replacingOccurrences(of: "'Congo'", with: "'the Congo'"),
            "\(path):4: 'test-statement' has no demand 'nope'; its demands are: unblock-telegram, repeal-vpn-ban, resist-unlawful-orders",
            "\(path):5: org ',': a name needs at least one letter or digit",
            "\(path):5: \(ambiguity)",
        ])
    }

    @Test func duplicatesInTheFileAndTheDatabaseAreSkippedByDefault() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Human Rights Watch", country: "US"), actor: "t")
        let path = try ImportFixture.file("dups.csv", """
            org,country
            human rights watch,US
            Access Now,US
            ACCESS NOW.,US
            """)
        let summary = try ImportFixture.importing(db, path)
        #expect(summary.signatures == 1)
        #expect(summary.duplicatesSkipped == 2)
        #expect(try db.signatories(slug: ImportFixture.slug).count == 2)
    }

    /// A duplicate row filled in a known organisation's blank website and kind, and was
    /// reported only as "skipped"; one whose website differed was ignored without a word.
    @Test func whatARowSaysOfAKnownOrganisationIsReported() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Access Now", country: "US"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Meduza", country: "LV", website: "https://meduza.io"), actor: "t")
        let path = try ImportFixture.file("details.csv", """
            org,country,website,kind
            Access Now,US,https://www.accessnow.org,ngo
            Meduza,LV,https://other.example,
            Meduza,LV,https://meduza.io,
            """)
        for update in [false, true] {
            let summary = try ImportFixture.importing(db, path, ImportOptions(onDuplicate: update ? .update : .skip))
            if !update {
                #expect(summary.organisationsCompleted == 1)
                #expect(summary.completed.map(\.filledMessage) == ["line 2: 'Access Now': website https://www.accessnow.org, kind ngo"])
            } else {
                #expect(summary.organisationsCompleted == 0)
            }
            #expect(summary.detailsDiffering == 1)
            #expect(summary.differing.map(\.differingMessage) == [
                "line 3: 'Meduza' has website https://meduza.io; the file says https://other.example "
                    + "(to change it: jointly org edit 'Meduza' --website 'https://other.example')"])
        }
        let organisations = try db.read { try Row.fetchAll($0, sql: "SELECT name, website, kind FROM organisation ORDER BY name") }
        #expect(organisations.map { "\($0[0] as String) \($0[1] as String) \(($0[2] as String?) ?? "-")" }
            == ["Access Now https://www.accessnow.org ngo", "Meduza https://meduza.io -"])
    }

    @Test func anAliasMatchesAndFailStopsAtADuplicate() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Human Rights Watch", country: "US"), actor: "t")
        _ = try db.addAlias(organisation: "Human Rights Watch", alias: "HRW", actor: "t")
        let path = try ImportFixture.file("dups.csv", "org\nHRW\nA\nA\n")
        #expect(try ImportFixture.failure(db, path, ImportOptions(onDuplicate: .fail)) == [
            "\(path):2: org 'Human Rights Watch': already signed 'test-statement' (verified); --on-duplicate skip or update accepts such rows",
            "\(path):4: org 'A': appears earlier in this file; with --on-duplicate fail each organisation may have one row",
        ])
    }

    @Test func updateChangesTheExistingSignature() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Access Now", demands: ["unblock-telegram"]), actor: "t")
        let path = try ImportFixture.file("update.csv", "org,demands,person\nAccess Now,repeal-vpn-ban,Jane Doe\n")
        let summary = try ImportFixture.importing(db, path, ImportOptions(onDuplicate: .update))
        #expect(summary.updated == 1)
        let entry = try db.signatories(slug: ImportFixture.slug)[0]
        #expect(entry.demands == ["repeal-vpn-ban"] && entry.person == "Jane Doe")
    }

    @Test func nearDuplicatesAreSuggestedNeverMerged() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB"), actor: "t")
        let path = try ImportFixture.file("near.csv", """
            org,country
            Amnesty Intl.,GB
            Electronic Frontier Foundation Inc,US
            The Electronic Frontier Foundation,US
            Memorial,RU
            Memorial,DE
            """)
        let summary = try ImportFixture.importing(db, path)
        #expect(summary.signatures == 5)
        #expect(summary.suggestions.map(\.name) == ["Amnesty Intl.", "The Electronic Frontier Foundation"])
        #expect(summary.suggestions[0].resembles == "Amnesty International")
        #expect(summary.suggestions[0].message(dryRun: false) == "line 2: 'Amnesty Intl.' (GB) may be 'Amnesty International' (GB); if it is, run: jointly org merge 'Amnesty Intl.' 'Amnesty International'")
    }

    @Test func aRowNamedByAShortNameIsASuggestionWhetherTheNameIsKnownOrEarlierInTheFile() throws {
        let db = try Fixture.database()
        _ = try db.sign(
            slug: ImportFixture.slug, SignatoryInput(organisation: "Committee to Protect Journalists", shortName: "CPJ", country: "US"),
            actor: "t")
        let path = try ImportFixture.file("short.csv", """
            org,short-name
            Human Rights Watch,HRW
            H.R.W.,
            cpj,
            """)
        let summary = try ImportFixture.importing(db, path)
        #expect(summary.suggestions.map { $0.message(dryRun: true) } == [
            "line 3: 'H.R.W.' may be 'Human Rights Watch'; if it is, run: jointly org alias 'Human Rights Watch' 'H.R.W.'",
            "line 4: 'cpj' may be 'Committee to Protect Journalists' (US); if it is, run: jointly org alias 'Committee to Protect Journalists' 'cpj'",
        ])
    }

    @Test func aSignedAtDayInTheFutureIsAnErrorOnItsLine() throws {
        let db = try Fixture.database()  // the fixture's clock says 2018-04-30
        let path = try ImportFixture.file("future.csv", """
            org,signed-at
            A,2018-05-01
            B,2099-01-01
            C,2018/05/02 10:14:03 AM GMT+3
            """)
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):3: signed-at '2099-01-01': is in the future (today is 2018-04-30); the signed-at day is when the organisation signed, today or earlier",
            "\(path):4: signed-at '2018/05/02 10:14:03 AM GMT+3': is in the future (today is 2018-04-30); the signed-at day is when the organisation signed, today or earlier",
        ])
    }

    @Test func anImportIsOneBatchAndOneEvent() throws {
        let db = try Fixture.database()
        let events = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? 0 }
        let path = try ImportFixture.file("ok.csv", "org\nA\nB\nC\n")
        let summary = try ImportFixture.importing(db, path)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? 0 } == events + 1)
        #expect(try db.batches().map(\.signatures) == [3])
        #expect(try summary.batchId == db.batches().first?.id)
    }
}

@Suite struct ImportDateTests {
    @Test(arguments: [
        ("2018-05-02", nil, "2018-05-02"),
        ("2018-05-02T10:14:03Z", nil, "2018-05-02"),
        ("2018-05-02 10:14:03+03:00", nil, "2018-05-02"),
        ("2018/05/02 10:14:03 AM GMT+3", nil, "2018-05-02"),
        ("5/2/2018 10:14:03", DateOrder.mdy, "2018-05-02"),
        ("5/2/18 10:14", DateOrder.mdy, "2018-05-02"),
        ("5/2/2018", DateOrder.dmy, "2018-02-05"),
        ("25/4/2018", nil, "2018-04-25"),
        ("4/25/2018 3:04:05 PM", nil, "2018-04-25"),
        ("02.05.2018", DateOrder.dmy, "2018-05-02"),
        ("43222.4265", nil, "2018-05-02"),
        ("2 May 2018", nil, "2018-05-02"),
        ("May 2, 2018", nil, "2018-05-02"),
        ("2-May-18", nil, "2018-05-02"),
    ] as [(String, DateOrder?, String)])
    func formsTimestampsBecomeTheSignedDay(text: String, order: DateOrder?, day: String) throws {
        #expect(try ImportDates.day(text, order: order) == day)
    }

    @Test func badDatesAreRefused() {
        for text in ["30/2/2018", "yesterday", "2018-13-01", "13/13/2018", "5/4/2018"] {
            #expect(throws: JointlyError.self) { try ImportDates.day(text, order: nil) }
        }
        #expect(throws: JointlyError.self) { try ImportDates.day("13/4/2018", order: .mdy) }
        // A zero day or month is not a date: refused, where it once indexed month name -1 and crashed.
        for text in ["0/5/2018", "5/0/2018", "0/0/2018", "00/12/18"] {
            #expect(throws: JointlyError.self) { try ImportDates.day(text, order: nil) }
        }
    }
}

extension ImportDateTests {
    /// A signed-at day years before the statement (a mistyped 2008, an Excel number read as
    /// 1900) was taken, and the group shown as an original signatory. More than a year
    /// before the statement's date is refused, in `sign` and `import`, unless `--force`.
    @Test func aSignedDayMoreThanAYearBeforeTheStatementIsRefusedUnlessForced() throws {
        let db = try Fixture.database()
        let reason = "is more than a year before the statement's date (2018-04-30); check the year, or the order of day and month (--date-order), and add --force if it is right"
        let signReason = "is more than a year before the statement's date (2018-04-30); check the year, and add --force if it is right"
        #expect(throws: JointlyError.invalidValue(field: "signed-at", value: "2017-04-29", reason: signReason)) {
            try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Early", signedAt: "2017-04-29"), actor: "t")
        }
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "A Year Early", signedAt: "2017-04-30"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Forced", signedAt: "2010-01-01"), options: SignOptions(force: true), actor: "t")
        #expect(throws: JointlyError.invalidValue(field: "signed-at", value: "2008-05-02", reason: signReason)) {
            try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "A Year Early", signedAt: "2008-05-02"), options: SignOptions(update: true), actor: "t")
        }
        let path = try ImportFixture.file("early.csv", "org,signed-at\nTypo,2008-05-02\nFine,2018-04-02\nExcel,36526\n")
        #expect(try ImportFixture.failure(db, path) == [
            "\(path):2: signed-at '2008-05-02': \(reason)",
            "\(path):4: signed-at '36526': \(reason)",
        ])
        var forced = ImportOptions()
        forced.force = true
        #expect(try ImportFixture.importing(db, path, forced).signatures == 3)
    }
}

/// A coordinator re-downloads a whole form sheet, old rows included: a row for a group
/// that withdrew must not put it back on the list.
@Suite struct ImportWithdrawalTests {
    @Test(arguments: [DuplicatePolicy.skip, .update])
    func aRowForAWithdrawnOrganisationLeavesItWithdrawn(onDuplicate: DuplicatePolicy) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Team 29", country: "RU"), actor: "t")
        _ = try db.withdraw(slug: ImportFixture.slug, organisation: "Team 29", country: "RU", reason: "at risk", actor: "t")
        let path = try ImportFixture.file("sheet.csv", "org,country\nTeam 29,RU\nNew Group,GB\n")
        var options = ImportOptions(verified: true, onDuplicate: onDuplicate)
        let summary = try ImportFixture.importing(db, path, options)
        #expect(summary.withdrawnKept == 1 && summary.signatures == 1 && summary.updated == 0)
        #expect(summary.line.contains("1 withdrawn organisation left withdrawn"))
        let row = try db.read { try Row.fetchOne($0, sql: """
            SELECT g.status, g.withdrawalReason FROM signature g JOIN organisation o ON o.id = g.organisationId
            WHERE o.name = 'Team 29'
            """) }
        #expect(row?[0] as String? == "withdrawn")
        #expect(row?[1] as String? == "at risk")
        options.onDuplicate = .fail
        let again = try ImportFixture.file("again.csv", "org,country\nTeam 29,RU\n")
        let failures = try ImportFixture.failure(db, again, options)
        #expect(failures.first?.contains("already signed '\(ImportFixture.slug)' (withdrawn)") == true, "\(failures)")
    }
}

/// A big import drops the `organisation_identity` index and builds it once at the end;
/// these run small files that way (`bulkAfter` lowered) and row by row, and compare.
@Suite struct ImportBulkModeTests {
    /// A database whose organisations exercise every matching rule: an alias, an
    /// organisation with no country, one name in two countries.
    static func populated() throws -> AppDatabase {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Human Rights Watch", country: "US"), actor: "t")
        _ = try db.addAlias(organisation: "Human Rights Watch", alias: "HRW", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Access Now"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Memorial", country: "RU"), actor: "t")
        _ = try db.withdraw(slug: ImportFixture.slug, organisation: "Memorial", country: "RU", reason: "asked", actor: "t")
        return db
    }

    static func options(bulk: Bool, _ onDuplicate: DuplicatePolicy = .skip) -> ImportOptions {
        var options = ImportOptions(onDuplicate: onDuplicate)
        options.bulkAfter = bulk ? 1 : Int.max
        return options
    }

    static let file = """
        org,country,demands,email
        HRW,,unblock-telegram,hrw@example.org
        access now,DE,repeal-vpn-ban,
        Memorial,RU,,
        Новая газета,RU,,
        Novaya Gazeta,RU,,
        New One,GB,,new@example.org
        new one.,GB,unblock-telegram,
        Другая,UA,,
        Another,FR,,
        Human Rights Watch,US,,
        """

    @Test(arguments: [DuplicatePolicy.skip, .update])
    func aBigImportMatchesAndWritesExactlyAsRowByRow(onDuplicate: DuplicatePolicy) throws {
        let path = try ImportFixture.file("mixed.csv", Self.file)
        let rowByRow = try Self.populated()
        let bulk = try Self.populated()
        let expected = try ImportFixture.importing(rowByRow, path, Self.options(bulk: false, onDuplicate))
        let summary = try ImportFixture.importing(bulk, path, Self.options(bulk: true, onDuplicate))
        #expect(summary == expected)
        #expect(summary.withdrawnKept == 1 && summary.newOrganisations == 5)
        #expect(try ImportFixture.snapshot(bulk) == ImportFixture.snapshot(rowByRow))
    }

    @Test func theIdentityIndexIsBackAsTheSchemaDeclaresIt() throws {
        let path = try ImportFixture.file("mixed.csv", Self.file)
        let db = try Self.populated()
        let fresh = try Fixture.database()
        _ = try ImportFixture.importing(db, path, Self.options(bulk: true))
        let schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        #expect(try db.read { try Row.fetchAll($0, sql: schema) } == fresh.read { try Row.fetchAll($0, sql: schema) })
        // It is in force: the same name and country cannot be stored twice.
        #expect(throws: DatabaseError.self) {
            try db.writer.write { try $0.execute(sql: """
                INSERT INTO organisation (name, sortName, normalizedName, country, createdAt)
                VALUES ('New One', 'New One', 'new one', 'GB', 'x')
                """) }
        }
    }

    /// The comparisons above would pass if the index were never dropped: SQLite counts
    /// schema changes, so a big import makes two (drop, create) and a small one none.
    @Test(arguments: [true, false])
    func onlyABigImportDropsAndRebuildsTheIndex(bulk: Bool) throws {
        let path = try ImportFixture.file("mixed.csv", Self.file)
        let db = try Self.populated()
        let version = "PRAGMA schema_version"
        let before = try db.read { try Int.fetchOne($0, sql: version) ?? 0 }
        _ = try ImportFixture.importing(db, path, Self.options(bulk: bulk))
        #expect(try db.read { try Int.fetchOne($0, sql: version) ?? 0 } == before + (bulk ? 2 : 0))
    }

    @Test func aBigImportThatFailsLeavesTheDatabaseAndItsIndexAsTheyWere() throws {
        let db = try Self.populated()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Memorial", country: "DE"), actor: "t")
        let path = try ImportFixture.file("bad.csv", "org,country\nA,GB\nB,GB\nC,GB\nD,GB\nE,GB\nMemorial,\nF,XX\n")
        // Five new organisations (more than the four before) drop the index before line 7.
        #expect(try ImportFixture.failure(db, path, Self.options(bulk: true)) == [
            "\(path):7: 'Memorial' matches organisations in DE and RU: fill in the row's country (DE or RU) to say which",
            "\(path):8: country 'XX': not an ISO 3166-1 country; use a two-letter code such as GB, RU or US",
        ])
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT name FROM sqlite_master WHERE name = 'organisation_identity'") }
            == "organisation_identity")
    }
}

/// What JSONDecoder lets pass and an import refuses: a key twice in one object, a trailing comma.
@Suite struct JSONScanTests {
    func problem(_ text: String, firstLine: Int = 1) -> (line: Int, message: String)? {
        JSONScan(Array(text.utf8), firstLine: firstLine).problem
    }

    @Test func eachElementOfTheTopLevelArrayIsFoundOnItsLine() {
        let text = "[\n  {\"org\": \"A, [x]\", \"demands\": [\"a\", \"b\"]},\n\n  {\"org\": \"B\"}, \"text\",\n 7\n]"
        #expect(JSONScan(Array(text.utf8)).elementLines == [2, 4, 4, 5])
        #expect(JSONScan(Array("[]".utf8)).elementLines.isEmpty)
    }

    @Test func aKeyTwiceInOneObjectIsFoundEvenWhenEscaped() throws {
        #expect(problem(#"{"org": "A", "o\u0072g": "B"}"#)?.message
            == "the key 'org' appears twice in one object, and only one value could be used; keep one")
        #expect(problem("[\n{\"org\": \"A\"},\n{\"org\": \"B\",\n \"org\": \"C\"}]")?.line == 4)
        #expect(problem(#"{"org": "A"}"#, firstLine: 7) == nil)
        #expect(problem(#"{"org": "A", "org": "B"}"#, firstLine: 7)?.line == 7)
        // One key to the decoder, whether "é" is one character or "e" and a combining accent.
        #expect(problem("{\"Organizaci\u{F3}n\": \"A\", \"Organizacio\u{301}n\": \"B\"}") != nil)
    }

    @Test func theSameKeyInTwoObjectsOrAsAValueIsNoProblem() {
        #expect(problem(#"[{"org": "A"}, {"org": "B"}]"#) == nil)
        #expect(problem(#"{"org": "org", "note": "a, \"org\": }]"}"#) == nil)
        #expect(problem(#"{"demands": ["org", "org"], "org": "A"}"#) == nil)
    }

    @Test func aCommaBeforeAClosingBracketIsNamedAtTheComma() throws {
        let trailing = try #require(problem("[\n  {\"org\": \"A\"},\n]"))
        #expect(trailing.line == 2)
        #expect(trailing.message.hasPrefix("a comma before ']', which JSON does not allow"))
        #expect(problem(#"{"org": "A",}"#)?.message.hasPrefix("a comma before '}'") == true)
        #expect(problem(#"{"org": "A,]"}"#) == nil)
    }
}

/// A form whose checkboxes were the demands themselves gives their texts, joined by ", "
/// (Google Forms) or ";" (Microsoft Forms), commas inside a text included.
@Suite struct ImportDemandTextTests {
    let slug = "test-statement"

    func database() throws -> AppDatabase {
        let text = Fixture.statementText
            .replacingOccurrences(of: "text: Resist unlawful orders.", with: "text: \"Resist unlawful orders, and tell users about them.\"")
            .replacingOccurrences(of: "text: Stop blocking Telegram.", with: "text: \"**Stop** blocking Telegram.\"")
        let db = try AppDatabase.inMemory(clock: Fixture.clock)
        _ = try db.addStatement(try Fixture.statement(text), actor: "t")
        _ = try db.addStatement(try Fixture.statement(SiteFixture.translation, path: "statements/test-statement.ru.md"), actor: "t")
        return db
    }

    func endorsed(_ db: AppDatabase, _ organisation: String) throws -> [String] {
        try db.read { db in
            try String.fetchAll(db, sql: """
                SELECT d.key FROM endorsement e JOIN demand d ON d.id = e.demandId
                JOIN signature g ON g.id = e.signatureId JOIN organisation o ON o.id = g.organisationId
                WHERE o.name = ? ORDER BY d.position
                """, arguments: [organisation])
        }
    }

    @Test func demandsGivenByTheirTextsInAnyLanguageAreTheirKeys() throws {
        let db = try database()
        let path = try ImportFixture.file("form.csv", """
            org,country,Which demands do you support?
            Google,DE,"Stop blocking Telegram., Resist unlawful orders, and tell users about them."
            Microsoft,DE,"Repeal the ban on VPNs and anonymisers.;Resist unlawful orders, and tell users about them."
            Shortened,DE,"stop blocking telegram, repeal-vpn-ban"
            Russian,RU,"Прекратить блокировку Telegram., Отменить запрет на VPN."
            No full stop,DE,"Resist unlawful orders, and tell users about them"

            """)
        #expect(try ImportFixture.importing(db, path).signatures == 5)
        #expect(try endorsed(db, "Google") == ["unblock-telegram", "resist-unlawful-orders"])
        #expect(try endorsed(db, "Microsoft") == ["repeal-vpn-ban", "resist-unlawful-orders"])
        #expect(try endorsed(db, "Shortened") == ["unblock-telegram", "repeal-vpn-ban"])
        #expect(try endorsed(db, "Russian") == ["unblock-telegram", "repeal-vpn-ban"])
        #expect(try endorsed(db, "No full stop") == ["resist-unlawful-orders"])
    }

    @Test func aTextThatIsNoDemandsIsReportedAloneAndNothingIsWritten() throws {
        let db = try database()
        let before = try ImportFixture.snapshot(db)
        let path = try ImportFixture.file("form.csv", "org,demands\nA,\"Stop blocking Telegram., Repeal the VPN ban\"\nB,Resist unlawful orders\n")
        let lines = try ImportFixture.failure(db, path)
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(":2: 'test-statement' has no demand 'Repeal the VPN ban'; its demands are: unblock-telegram, repeal-vpn-ban, resist-unlawful-orders (a cell may also give each demand by its whole text, as the statement words it)"))
        // The start of a text is not the text: "Resist unlawful orders" is no demand here.
        #expect(lines[1].contains(":3: 'test-statement' has no demand 'Resist unlawful orders'"))
        #expect(try ImportFixture.snapshot(db) == before)
    }
}

/// What real spreadsheets do that a strict reader must still take, or refuse in words.
@Suite struct ImportSpreadsheetHabitsTests {
    @Test func rowsOfEmptyCellsAreBlankLinesAndBareDomainsAreWebsites() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("excel.csv", """
            Organisation;Country;Website, if any
            Team 29;RU;team29.org
            Access Now;US;www.accessnow.org/about
            ;;
            ;;

            """)
        let summary = try ImportFixture.importing(db, path)
        #expect(summary.signatures == 2)
        let sites = try db.read { try String.fetchAll($0, sql: "SELECT website FROM organisation ORDER BY name") }
        #expect(sites == ["https://www.accessnow.org/about", "https://team29.org"])
    }

    @Test func whatIsNotABareDomainIsStillRefused() {
        for text in ["n/a", "none", "javascript:alert(1)", "ftp://x.org", "team29", "a b.org", "x@y.org", "1.2", "St.Petersburg", "Jane.Doe",
                     "Санкт.Петербург", "Мария.Иванова", "-x.рф", "xn--.", "правозащита.рф.", "г.Москва", "Ф.рф", "ООО.Сайт"] {
            #expect(SignatoryInput.withScheme(text) == text, "\(text)")
        }
        #expect(SignatoryInput.withScheme("facebook.com/groups/x") == "https://facebook.com/groups/x")
        #expect(SignatoryInput.withScheme("WWW.Example.Foundation") == "https://WWW.Example.Foundation")
        #expect(SignatoryInput.withScheme("ovd.info") == "https://ovd.info")
        // Internationalised domains, as a Russian or Chinese group writes its own.
        for text in ["правозащита.рф", "xn--80aafhmz3aog.xn--p1ai", "例子.中国/关于", "münchen.de", "правозащита.орг", "δοκιμή.ελ", "例子.公司"] {
            #expect(SignatoryInput.withScheme(text) == "https://" + text, "\(text)")
            #expect(SignatoryInput.websiteProblem("https://" + text) == nil, "\(text)")
        }
    }

    @Test func aWorkbookIsNamedForWhatItIs() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("signers.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
        #expect(try ImportFixture.failure(db, path) == [
            "\(path): is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file: open it and save it as \"CSV UTF-8\", then import that"])
    }

    @Test func standardInputIsReadInTheFormatItsFirstByteSays() {
        #expect(ImportFormat.sniff(Array("{\"org\": \"A\"}\n".utf8)) == .ndjson)
        #expect(ImportFormat.sniff([0xEF, 0xBB, 0xBF] + Array("\n [{}]".utf8)) == .json)
        #expect(ImportFormat.sniff(Array("org,country\n".utf8)) == .csv)
        #expect(ImportInput.sniffDelimiter(Array("Organisation;Country;Website, if any\n".utf8)) == .semicolon)
        #expect(ImportInput.sniffDelimiter(Array("org,country,notes; more\n".utf8)) == nil)
    }
}
