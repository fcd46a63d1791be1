import Foundation
import Testing

/// A coordinator's day, run through the real binary in a fresh folder.
@Suite struct WalkthroughTests {
    let slug = "russia-telegram-2018"

    func loadedExample() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        return sandbox
    }

    @Test func initWritesTheDatabaseTheExampleAndTheTemplates() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["init"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("created the database jointly.sqlite"))
        #expect(FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("statements/\(slug).md").path))
        let again = try sandbox.run(["init"])
        #expect(again.status == 1)
        #expect(again.stderr == "error: a database already exists at jointly.sqlite; nothing was changed\n")
    }

    @Test func initWithADatabaseFileSaysToKeepGivingItAndRefusesAFileInTheWay() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["init", "--db", "coalition db.sqlite"])
        #expect(result.stderr.contains("load it with: jointly statement add statements/\(slug).md --db 'coalition db.sqlite'\n"))
        try sandbox.write("not a database\n", to: "notes.sqlite")
        let inTheWay = try sandbox.run(["init", "--db", "notes.sqlite"])
        #expect(inTheWay.status == 1)
        #expect(inTheWay.stderr
            == "error: notes.sqlite: already exists and is not a database; nothing was changed: pass another file name with --db, or move this file away\n")
        #expect(try sandbox.read("notes.sqlite") == "not a database\n")
    }

    @Test func everyCommandButInitSaysHowToCreateAMissingDatabase() throws {
        let sandbox = try Sandbox()
        for arguments in [["statement", "list"], ["signatories", slug], ["sign", slug, "--org", "A"], ["demands", "--by-org"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr == "error: no database at jointly.sqlite: run 'jointly init' to create one, or pass --db PATH\n")
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("jointly.sqlite").path))
    }

    @Test func theDatabaseCanBeChosenByFlagOrEnvironment() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init", "--db", "other.sqlite"])
        #expect(try sandbox.run(["statement", "list"]).status == 1)
        #expect(try sandbox.run(["statement", "list"], environment: ["JOINTLY_DB": "other.sqlite"]).status == 0)
        #expect(try sandbox.run(["statement", "list", "--db", "other.sqlite"]).status == 0)
    }

    @Test func theExampleLoadsWithItsFifteenSignatories() throws {
        let sandbox = try loadedExample()
        let list = try sandbox.ok(["statement", "list", "--format", "csv"])
        #expect(list.contains("\(slug),draft,2018-04-30,1,15,0,"))
        let json = try sandbox.ok(["signatories", slug, "--format", "json"])
        let objects = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 15)
        let keys: Set<String> = ["organisation", "shortName", "country", "website", "kind", "person", "title",
                                 "demands", "signedAt", "status", "unnamed", "onBehalf", "version"]
        for object in objects { #expect(Set(object.keys) == keys) }
        #expect(objects.first?["organisation"] as? String == "Access Now")
        #expect(objects.first?["person"] is NSNull)
    }

    @Test func signingListingAndDemandsByOrganisation() throws {
        let sandbox = try loadedExample()
        let signed = try sandbox.run([
            "sign", slug, "--org", "OVD-Info", "--country", "RU", "--kind", "media", "--website", "https://ovd.info",
            "--person", "Grigory Okhotin", "--title", "Co-founder", "--email", "press@ovd.example",
            "--demands", "unblock-telegram,repeal-vpn-ban", "--signed-at", "2018-05-16",
        ])
        #expect(signed.status == 0)
        #expect(signed.stderr == "OVD-Info (new organisation) signed \(slug): verified, endorsing 2 demands\n")

        let twice = try sandbox.run(["sign", slug, "--org", "ovd-info."])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("OVD-Info already signed '\(slug)' (verified); nothing was changed"))

        let table = try sandbox.ok(["signatories", slug])
        #expect(table.contains("OVD-Info"))
        #expect(!table.contains("press@ovd.example"))

        let byOrg = try sandbox.ok(["demands", "--by-org", "--org", "OVD-Info", "--format", "json"])
        let groups = try #require(JSONSerialization.jsonObject(with: Data(byOrg.utf8)) as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups[0]["organisation"] as? String == "OVD-Info")
        let demands = try #require(groups[0]["demands"] as? [[String: String]])
        #expect(demands.map { $0["key"] } == ["unblock-telegram", "repeal-vpn-ban"])
        #expect(demands[0] == ["statement": slug, "key": "unblock-telegram", "text": "Stop blocking Telegram.", "addressee": "Russian authorities"])

        let counts = try sandbox.ok(["demands", slug, "--format", "csv"])
        #expect(counts.contains("unblock-telegram,Russian authorities,16,Stop blocking Telegram."))
        #expect(counts.contains("resist-unlawful-orders,Internet companies,15,"))

        // --format takes the same values in every command that prints a report.
        let lines = try sandbox.ok(["demands", "--by-org", "--org", "OVD-Info", "--format", "ndjson"]).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any] != nil)
    }

    @Test func badValuesAreOneLineEachExitOneAndChangeNothing() throws {
        let sandbox = try loadedExample()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run([
            "sign", slug, "--org", "X", "--country", "Narnia", "--kind", "charity", "--website", "javascript:alert(1)",
        ])
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: country 'Narnia': not an ISO 3166-1 country; use a two-letter code such as GB, RU or US
            error: kind 'charity': use one of ngo, media, academic, union, company, network, other
            error: website 'javascript:alert(1)': only http:// and https:// addresses are accepted

            """)
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func withdrawingKeepsTheRecord() throws {
        let sandbox = try loadedExample()
        let result = try sandbox.run(["withdraw", slug, "--org", "Team 29", "--reason", "asked to be removed"])
        #expect(result.status == 0)
        #expect(!(try sandbox.ok(["signatories", slug])).contains("Team 29"))
        let all = try sandbox.ok(["signatories", slug, "--status", "withdrawn", "--format", "csv"])
        #expect(all.contains("Team 29"))
    }

    @Test func aBrokenImportReportsEveryBadRowAndWritesNothing() throws {
        let sandbox = try loadedExample()
        try sandbox.write("org,country,demands\nGood Org,GB,\nBad Country,Narnia,\n,GB,\nBad Demand,US,repeal-everything\n", to: "bad.csv")
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(["import", slug, "bad.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: bad.csv:3: country 'Narnia': not an ISO 3166-1 country; use a two-letter code such as GB, RU or US
            error: bad.csv:4: org '': a name cannot be empty
            error: bad.csv:5: '\(slug)' has no demand 'repeal-everything'; its demands are: unblock-telegram, end-internet-attacks, repeal-data-localisation, repeal-vpn-ban, repeal-anonymity-ban, challenge-russia, resist-unlawful-orders

            """)
        #expect(try sandbox.databaseBytes() == before)
        #expect(!(try sandbox.ok(["signatories", slug])).contains("Good Org"))
    }

    @Test func anUnterminatedQuoteIsReportedWhereItOpens() throws {
        let sandbox = try loadedExample()
        try sandbox.write("org,country\nA,GB\n\"B,GB\nC,US\n", to: "broken.csv")
        let result = try sandbox.run(["import", slug, "broken.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: broken.csv:3: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aStatementFileWithProblemsIsReportedByLineAndNotStored() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.write("""
            ---
            slug: broken
            title: Broken
            date: 2018-02-30
            language: en
            issuer: Someone
            addressees:
              - key: russia
                name: Russian authorities
                kind: state
            demands:
              - key: repeal-vpn-ban
                to: rusia
                text: Repeal it.
            ---
            Body.
            """, to: "statements/broken.md")
        let result = try sandbox.run(["statement", "add", "statements/broken.md"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("error: statements/broken.md:") })
        #expect(result.stderr.contains("broken.md:13: demand 'repeal-vpn-ban' names unknown addressee 'rusia'"))
        #expect(try sandbox.ok(["statement", "list", "--format", "csv"]) == "slug,status,date,version,verified,pending,title\r\n")
    }

    @Test func usageErrorsExit64() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["sign"]).status == 64)
        #expect(try sandbox.run(["signatories", "x", "--format", "yaml"]).status == 64)
    }

    @Test func aShortNameIsNotAnIdentityButTheErrorSaysWhoseItIsAndHowToAliasIt() throws {
        let sandbox = try loadedExample()
        let miss = try sandbox.run(["demands", "--by-org", "--org", "HRW"])
        #expect(miss.status == 1)
        #expect(miss.stderr == "error: no organisation matches 'HRW', but it is the short name of Human Rights Watch: use that name, or make 'HRW' an alias with 'jointly org alias \"Human Rights Watch\" \"HRW\"'\n")
        // Signing by the short name would publish Human Rights Watch twice.
        let sign = try sandbox.run(["sign", "russia-telegram-2018", "--org", "HRW"])
        #expect(sign.status == 1)
        #expect(sign.stderr == "error: 'HRW' is the short name of 'Human Rights Watch' (US), so nothing was signed: sign with --org \"Human Rights Watch\", or make it an alias first with 'jointly org alias \"Human Rights Watch\" \"HRW\"'; add --force if 'HRW' is another organisation\n")
        try sandbox.ok(["org", "alias", "Human Rights Watch", "HRW"])
        let hit = try sandbox.ok(["demands", "--by-org", "--org", "HRW", "--format", "csv"])
        #expect(hit.contains("Human Rights Watch,russia-telegram-2018,unblock-telegram,"))
    }
}
