import Foundation
import GRDB
import Testing
@testable import JointlyKit

@Suite struct StatementStoreTests {
    @Test func aNewStatementIsADraftWithItsFirstVersionAndDemands() throws {
        let db = try Fixture.database()
        let detail = try db.statementDetail(slug: "test-statement")
        #expect(detail.statement.status == .draft)
        #expect(detail.version.number == 1)
        #expect(detail.version.textHash == (try Fixture.statement()).textHash)
        #expect(detail.demands.map(\.key) == ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders"])
        #expect(detail.demands.map(\.addressee) == ["Russian authorities", "Russian authorities", "Internet companies"])
    }

    @Test func addingTheSameFileAgainChangesNothing() throws {
        let db = try Fixture.database()
        #expect(try db.addStatement(Fixture.statement(), actor: "t") == .unchanged(slug: "test-statement"))
    }

    @Test func beforeAnyoneSignsAChangedTextUpdatesVersionOneInPlace() throws {
        let db = try Fixture.database()
        let changed = Fixture.statementText.replacingOccurrences(of: "The body.", with: "A better body.")
        #expect(try db.addStatement(Fixture.statement(changed), actor: "t") == .updated(slug: "test-statement", version: 1))
        #expect(try db.statementDetail(slug: "test-statement").version.body == "A better body.")
    }

    @Test func afterSomeoneSignedAChangedTextIsRefusedNamingWhatChanged() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), actor: "t")
        let changed = Fixture.statementText
            .replacingOccurrences(of: "The body.", with: "A better body.")
            .replacingOccurrences(of: "Resist unlawful orders.", with: "Resist every unlawful order.")
        do {
            _ = try db.addStatement(Fixture.statement(changed), actor: "t")
            Issue.record("expected a refusal")
        } catch let JointlyError.invalidFile(diagnostics) {
            #expect(diagnostics.count == 1)
            #expect(diagnostics[0].description.contains("body; demands reworded: resist-unlawful-orders"))
            #expect(diagnostics[0].description.contains("--new-version --note"))
        }
        #expect(try db.statementDetail(slug: "test-statement").version.body == "The body.")
    }

    @Test func aNewVersionKeepsTheSignedOneAndItsEndorsements() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), actor: "t")
        let changed = Fixture.statementText.replacingOccurrences(
            of: "  - key: resist-unlawful-orders\n    to: internet-companies\n    text: Resist unlawful orders.\n", with: "")
        #expect(try db.addStatement(Fixture.statement(changed), actor: "t", newVersion: true, note: "dropped a demand")
            == .newVersion(slug: "test-statement", version: 2))
        let detail = try db.statementDetail(slug: "test-statement")
        #expect(detail.version.number == 2)
        #expect(detail.version.changeNote == "dropped a demand")
        #expect(detail.demands.map(\.key) == ["unblock-telegram", "repeal-vpn-ban"])
        let signatory = try db.signatories(slug: "test-statement")[0]
        #expect(signatory.version == 1)
        #expect(signatory.demands.contains("resist-unlawful-orders"))
    }

    @Test func anAddresseeSharedWithAnotherStatementKeepsItsName() throws {
        let db = try Fixture.database()
        let other = Fixture.statementText
            .replacingOccurrences(of: "slug: test-statement", with: "slug: other")
            .replacingOccurrences(of: "name: Russian authorities", with: "name: The Kremlin")
        #expect(throws: JointlyError.invalidFile([Diagnostic(
            path: "other.md", line: 8,
            message: "addressee 'russia' is 'Russian authorities' (state) in other statements; use that name and kind, or another key")])) {
            try db.addStatement(Fixture.statement(other, path: "other.md"), actor: "t")
        }
        #expect(try db.statements().map(\.slug) == ["test-statement"])
    }
}
