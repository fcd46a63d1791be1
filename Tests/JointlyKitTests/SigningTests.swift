import Foundation
import GRDB
import Testing
@testable import JointlyKit

@Suite struct SigningTests {
    @Test func signingCreatesAVerifiedSignatureEndorsingEveryDemand() throws {
        let db = try Fixture.database()
        let outcome = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Human Rights Watch", country: "US"), actor: "t")
        #expect(outcome == .signed(organisation: "Human Rights Watch", status: .verified, newOrganisation: true,
                                   demands: ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders"]))
        let list = try db.signatories(slug: "test-statement")
        #expect(list.map(\.organisation) == ["Human Rights Watch"])
        #expect(list[0].status == .verified)
        #expect(list[0].country == "US")
    }

    @Test func spellingsOfOneNameAreOneOrganisationAndSigningTwiceChangesNothing() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Human Rights Watch"), actor: "t")
        for spelling in ["human  rights watch", "Human Rights Watch.", "  HUMAN RIGHTS WATCH\n"] {
            #expect(throws: JointlyError.alreadySigned(organisation: "Human Rights Watch", slug: "test-statement", status: "verified")) {
                try db.sign(slug: "test-statement", SignatoryInput(organisation: spelling), actor: "t")
            }
        }
        #expect(try db.signatories(slug: "test-statement").count == 1)
    }

    @Test func aKnownShortNameIsNotSignedAsASecondOrganisationUnlessForced() throws {
        let db = try Fixture.database()
        _ = try db.sign(
            slug: "test-statement", SignatoryInput(organisation: "Committee to Protect Journalists", shortName: "CPJ", country: "US"),
            actor: "t")
        #expect(throws: JointlyError.shortNameOfKnown(name: "cpj", organisation: "Committee to Protect Journalists", country: "US")) {
            try db.sign(slug: "test-statement", SignatoryInput(organisation: "cpj"), actor: "t")
        }
        #expect(try db.signatories(slug: "test-statement").map(\.organisation) == ["Committee to Protect Journalists"])
        let forced = try db.sign(slug: "test-statement", SignatoryInput(organisation: "CPJ"), options: SignOptions(force: true), actor: "t")
        #expect(forced == .signed(organisation: "CPJ", status: .verified, newOrganisation: true,
                                  demands: ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders"]))
    }

    @Test("the short-name check reads one index entry, not every organisation")
    func theShortNameCheckUsesItsIndex() throws {
        let db = try Fixture.database()
        _ = try db.sign(
            slug: "test-statement", SignatoryInput(organisation: "Committee to Protect Journalists", shortName: "CPJ", country: "US"),
            actor: "t")
        try db.read { db in
            #expect(try OrganisationMatching.owners(db, shortName: "cpj", limit: 2).map(\.name) == ["Committee to Protect Journalists"])
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + OrganisationMatching.ownersQuery, arguments: ["cpj", 2])
                .map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("USING INDEX organisation_shortName") }, "\(plan)")
        }
    }

    @Test func aSignedAtDayAfterTomorrowIsRefusedWhenSigningAndUpdating() throws {
        let db = try Fixture.database()  // the fixture's clock says 2018-04-30
        let refusal = JointlyError.invalidValue(
            field: "signed-at", value: "2018-05-02",
            reason: "is in the future (today is 2018-04-30); the signed-at day is when the organisation signed, today or earlier")
        #expect(throws: refusal) {
            try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", signedAt: "2018-05-02"), actor: "t")
        }
        #expect(try db.signatories(slug: "test-statement").isEmpty)
        // Tomorrow is allowed: it may be tomorrow already where the coordinator is.
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", signedAt: "2018-05-01"), actor: "t")
        #expect(throws: refusal) {
            try db.sign(
                slug: "test-statement", SignatoryInput(organisation: "Team 29", signedAt: "2018-05-02"), options: SignOptions(update: true),
                actor: "t")
        }
        #expect(try db.signatories(slug: "test-statement").map(\.signedAt) == ["2018-05-01"])
    }

    @Test func cyrillicNamesThatDifferByOneLetterAreTwoOrganisations() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Мой"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Мои"), actor: "t")
        #expect(try db.signatories(slug: "test-statement").count == 2)
    }

    @Test func aNameInTwoCountriesNeedsACountry() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Memorial", country: "RU"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Memorial", country: "DE"), actor: "t")
        #expect(throws: JointlyError.ambiguousOrganisation(name: "Memorial", countries: ["DE", "RU"])) {
            try db.withdraw(slug: "test-statement", organisation: "Memorial", reason: nil, actor: "t")
        }
    }

    @Test func onlyTheListedDemandsAreEndorsedAndUnknownKeysAreRefused() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Access Now", demands: ["repeal-vpn-ban"]), actor: "t")
        #expect(try db.signatories(slug: "test-statement")[0].demands == ["repeal-vpn-ban"])
        #expect(throws: JointlyError.unknownDemands(
            slug: "test-statement", keys: ["repeal-vpn"], known: ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders"])) {
            try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", demands: ["repeal-vpn"]), actor: "t")
        }
        #expect(try db.signatories(slug: "test-statement").count == 1)
    }

    @Test(arguments: [
        (SignatoryInput(organisation: "A", country: "Narnia"), "country"),
        (SignatoryInput(organisation: "A", kind: "charity"), "kind"),
        (SignatoryInput(organisation: "A", website: "javascript:alert(1)"), "website"),
        (SignatoryInput(organisation: "A", website: "ftp://example.org"), "website"),
        (SignatoryInput(organisation: "A", email: "not-an-address"), "email"),
        (SignatoryInput(organisation: "A", signedAt: "30/04/2018"), "signed-at"),
        (SignatoryInput(organisation: "\u{202E}A"), "org"),
    ])
    func badValuesAreRefusedNamingTheField(input: SignatoryInput, field: String) throws {
        let db = try Fixture.database()
        do {
            _ = try db.sign(slug: "test-statement", input, actor: "t")
            Issue.record("expected a refusal")
        } catch let JointlyError.problems(errors) {
            #expect(errors.count == 1)
            guard case .invalidValue(let named, _, _) = errors[0] else { Issue.record("\(errors)"); return }
            #expect(named == field)
        }
        #expect(try db.signatories(slug: "test-statement", filter: .all).isEmpty)
    }

    @Test func anEmailGoesOnlyToThePrivateContactTable() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", email: "press@team29.example"), actor: "t")
        let entries = try db.signatories(slug: "test-statement")
        let json = try Report(headers: [], rows: [], items: entries).rendered(as: .json)
        #expect(!json.contains("press@team29.example"))
        let stored = try db.read { try String.fetchAll($0, sql: "SELECT email FROM contact") }
        #expect(stored == ["press@team29.example"])
    }

    @Test func withdrawingKeepsTheSignatureAndSigningAgainReactivatesIt() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29"), actor: "t")
        let withdrawn = try db.withdraw(slug: "test-statement", organisation: "team 29", reason: "board decision", actor: "t").signature
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.withdrawnAt == "2018-04-30")
        #expect(withdrawn.withdrawalReason == "board decision")
        #expect(try db.signatories(slug: "test-statement").isEmpty)
        #expect(try db.signatories(slug: "test-statement", filter: .all).map(\.status) == [.withdrawn])
        #expect(try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", person: "Anna", demands: ["repeal-vpn-ban"]), actor: "t")
            == .reactivated(organisation: "Team 29", status: .verified))
        // The audit log says what the group signed again, as for a first signature (it said the status only).
        let logged = try db.read { try String.fetchOne($0, sql: "SELECT newValue FROM event WHERE action = 'signature.reactivate'") }
        #expect(logged == #"{"demands":["repeal-vpn-ban"],"onBehalf":true,"person":true,"signedAt":"2018-04-30","status":"verified","title":false,"unnamed":false}"#)
    }

    /// A "Memorial" with no country yet is one of the candidates, and the message names it.
    @Test func anAmbiguityNamesTheOrganisationWithNoCountryToo() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Memorial", country: "RU"), actor: "t")
        let other = try Fixture.statement(Fixture.statementText.replacingOccurrences(of: "slug: test-statement", with: "slug: other-statement"), path: "statements/other-statement.md")
        _ = try db.addStatement(other, actor: "t")
        try db.writer.write { try $0.execute(sql: """
            INSERT INTO organisation (name, sortName, normalizedName, createdAt) VALUES ('Memorial', 'Memorial', 'memorial', 'x')
            """) }
        #expect(throws: JointlyError.ambiguousOrganisation(name: "Memorial", countries: ["", "RU"])) {
            try db.sign(slug: "other-statement", SignatoryInput(organisation: "Memorial"), actor: "t")
        }
        #expect(JointlyError.ambiguousOrganisation(name: "Memorial", countries: ["", "RU"]).description
            == "'Memorial' matches organisations in RU and one with no country yet: add --country RU to say which, or its own country for the one without")
    }

    /// The address it already has is no change, and logs no event.
    @Test func updatingWithTheSameEmailChangesNothing() throws {
        let db = try Fixture.database()
        let input = SignatoryInput(organisation: "Team 29", email: "info@team29.example")
        _ = try db.sign(slug: "test-statement", input, actor: "t")
        let events = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }
        #expect(throws: JointlyError.invalidValue(
            field: "org", value: "Team 29", reason: "its signature of 'test-statement' (verified) already says all that; nothing was changed")) {
            try db.sign(slug: "test-statement", input, options: SignOptions(update: true), actor: "t")
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") } == events)
        let other = SignatoryInput(organisation: "Team 29", email: "press@team29.example")
        #expect(try db.sign(slug: "test-statement", other, options: SignOptions(update: true), actor: "t")
            == .updated(organisation: "Team 29", changes: ["contact"]))
    }

    /// Signing again is a new signature: last year's verification, by someone else, is not its.
    @Test func signingAgainAfterWithdrawingStartsItsVerificationAfresh() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29"), options: SignOptions(pending: true), actor: "t")
        _ = try db.verify(slug: "test-statement", organisation: "Team 29", method: .phone, by: "Olga", evidence: "call", actor: "t")
        _ = try db.withdraw(slug: "test-statement", organisation: "Team 29", reason: nil, actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29"), options: SignOptions(pending: true), actor: "t")
        let row = try db.read { try Row.fetchOne($0, sql: """
            SELECT status, verifiedAt, verificationMethod, verifiedBy, verificationEvidence, rejectionReason FROM signature
            """) }
        #expect(row?["status"] == "pending")
        for column in ["verifiedAt", "verificationMethod", "verifiedBy", "verificationEvidence", "rejectionReason"] {
            #expect(row?[column] as String? == nil, "\(column)")
        }
    }

    /// Rejected, withdrawn, signed again: that made a rejected organisation verified and published.
    @Test func aRejectedSignatureCannotBeWithdrawn() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Fake Group"), options: SignOptions(pending: true), actor: "t")
        _ = try db.reject(slug: "test-statement", organisation: "Fake Group", reason: "no such group", actor: "t")
        #expect(throws: JointlyError.invalidValue(
            field: "org", value: "Fake Group",
            reason: "its signature of 'test-statement' was rejected, so it is not on the list; there is nothing to withdraw")) {
            try db.withdraw(slug: "test-statement", organisation: "Fake Group", reason: nil, actor: "t")
        }
        #expect(throws: JointlyError.self) { try db.sign(slug: "test-statement", SignatoryInput(organisation: "Fake Group"), actor: "t") }
        #expect(try db.signatories(slug: "test-statement").isEmpty)
    }

    @Test func unnamedSignatoriesAreListedForTheCoordinatorAndMarked() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Quiet Group", unnamed: true), actor: "t")
        let entries = try db.signatories(slug: "test-statement")
        #expect(entries.map(\.unnamed) == [true])
        #expect(try db.demandsByOrganisation().isEmpty)
    }

    @Test func pendingSignaturesAreQueuedNotCounted() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), options: SignOptions(pending: true), actor: "t")
        #expect(try db.signatories(slug: "test-statement", filter: .only(.pending)).count == 1)
        #expect(try db.demands(slug: "test-statement").map(\.endorsements) == [0, 0, 0])
    }

    @Test func aClosedStatementRefusesSignatures() throws {
        let db = try Fixture.database()
        try db.write { try $0.execute(sql: "UPDATE statement SET status = 'closed'") }
        #expect(throws: JointlyError.statementClosed(slug: "test-statement")) {
            try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), actor: "t")
        }
    }

    @Test func anUnknownStatementSaysHowToFindOne() throws {
        let db = try Fixture.database()
        #expect(throws: JointlyError.unknownStatement(slug: "nope")) {
            try db.sign(slug: "nope", SignatoryInput(organisation: "A"), actor: "t")
        }
    }

    @Test func demandsByOrganisationCrossStatements() throws {
        let db = try Fixture.database()
        let second = Fixture.statementText
            .replacingOccurrences(of: "slug: test-statement", with: "slug: second-statement")
            .replacingOccurrences(of: "date: 2018-04-30", with: "date: 2019-01-01")
        _ = try db.addStatement(try Fixture.statement(second, path: "second-statement.md"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Access Now", demands: ["repeal-vpn-ban"]), actor: "t")
        _ = try db.sign(slug: "second-statement", SignatoryInput(organisation: "Access Now", demands: ["repeal-vpn-ban", "unblock-telegram"]), actor: "t")
        _ = try db.sign(slug: "second-statement", SignatoryInput(organisation: "Pending Org"), options: SignOptions(pending: true), actor: "t")
        let groups = try db.demandsByOrganisation()
        #expect(groups.map(\.organisation) == ["Access Now"])
        #expect(groups[0].demands.map { "\($0.statement)/\($0.key)" }
            == ["test-statement/repeal-vpn-ban", "second-statement/unblock-telegram", "second-statement/repeal-vpn-ban"])
        #expect(groups[0].demands[0].addressee == "Russian authorities")
        #expect(try db.demandsByOrganisation(slug: "test-statement")[0].demands.count == 1)
        #expect(try db.demandsByOrganisation(organisation: "access now")[0].demands.count == 3)
    }

    @Test func everyChangeAppendsAChainedEvent() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), actor: "alice")
        _ = try db.withdraw(slug: "test-statement", organisation: "A", reason: nil, actor: "bob")
        let events = try db.read { try Event.order(Column("id")).fetchAll($0) }
        #expect(events.map(\.action) == ["statement.add", "signature.add", "signature.withdraw"])
        #expect(events.map(\.actor) == ["tester", "alice", "bob"])
        #expect(events[0].previousHash == AuditLog.genesis)
        for (previous, event) in zip(events, events.dropFirst()) {
            #expect(event.previousHash == previous.hash)
            #expect(AuditLog.hash(of: event) == event.hash)
        }
    }
}
