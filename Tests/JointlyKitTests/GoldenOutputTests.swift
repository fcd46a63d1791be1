import Foundation
import Testing

@testable import JointlyKit

/// Everything Jointly renders besides the statement itself, against golden files: every page
/// of a built site, every export format, and every report a command prints. A change to any
/// of them shows in review as a change to `Golden/`. (`RECORD_GOLDEN=1` records them again.)
@Suite("Golden output")
struct GoldenOutputTests {
    @Test("every file of a built site is as recorded")
    func site() throws {
        let db = try SiteFixture.database()
        _ = try db.withdraw(slug: "test-statement", organisation: "Meduza", reason: "asked to leave", actor: "t")
        let (folder, _) = try SiteFixture.build(db)
        let files = SiteFixture.files(folder)
        #expect(files.contains("index.html"))
        #expect(files.contains { $0.hasPrefix("organisations/") })
        #expect(files.contains { $0.hasPrefix("demands/") })
        for file in files {
            RenderingFixtures.assertGolden(try SiteFixture.read(folder, file), named: "site/\(file)")
        }
        // A page the build no longer makes must not stay recorded as if it did.
        let recorded = SiteFixture.files(RenderingFixtures.testsDirectory.appendingPathComponent("Golden/site").path)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != "1" {
            #expect(recorded == files)
        }
    }

    @Test("every export format, public and with contact details, is as recorded",
          arguments: ExportFormat.allCases, [false, true])
    func export(format: ExportFormat, includePrivate: Bool) throws {
        let db = try SiteFixture.database()
        let folder = try RenderingFixtures.temporaryDirectory()
        let path = folder + "/export." + format.rawValue
        _ = try db.exportSignatories(slug: "test-statement", format: format, includePrivate: includePrivate, output: path)
        let name = "export/\(includePrivate ? "private" : "public").\(format.rawValue)"
        RenderingFixtures.assertGolden(try String(contentsOfFile: path, encoding: .utf8), named: name)
    }

    @Test("every report, in every format, is as recorded", arguments: ReportFormat.allCases)
    func reports(format: ReportFormat) throws {
        let db = try SiteFixture.database()
        _ = try db.reject(slug: "test-statement", organisation: "Meduza", reason: "not a member", actor: "t")
        let reports: [(String, String)] = [
            ("statements", try Reports.statements(try db.statements()).rendered(as: format)),
            ("signatories", try Reports.signatories(try db.signatories(slug: "test-statement"), abbreviated: format == .table)
                .rendered(as: format)),
            ("demands", try Reports.demands(try db.demands(slug: "test-statement")).rendered(as: format)),
            ("demands-by-organisation", try Reports.demandsByOrganisation(try db.demandsByOrganisation()).rendered(as: format)),
            ("organisations", try Reports.organisations(try db.organisations()).rendered(as: format)),
            ("log", try Reports.log(try db.log(slug: "test-statement")).rendered(as: format)),
        ]
        for (name, text) in reports {
            RenderingFixtures.assertGolden(text, named: "reports/\(name).\(format.rawValue)")
        }
    }

    @Test("a statement's description and history are as recorded")
    func descriptions() throws {
        let db = try SiteFixture.database()
        RenderingFixtures.assertGolden(Reports.describe(try db.statementDetail(slug: "test-statement")), named: "reports/statement-show.txt")
        RenderingFixtures.assertGolden(
            Reports.history(versions: try db.versions(slug: "test-statement"), editions: try db.editions(slug: "test-statement")),
            named: "reports/statement-history.txt")
    }
}
