import Foundation
import GRDB
import Testing
@testable import JointlyKit

@Suite struct LifecycleTests {
    let slug = "test-statement"

    /// The dates an edition may not bear, and the first it may: one dated 2030 would have
    /// blocked every edition until 2030 (dates never go back); one before the statement's
    /// own date would publish a letter before it was written.
    @Test(arguments: [
        ("2030-01-01", "is in the future (today is 2018-04-30); an edition is dated the day it is published, or earlier", "2018-05-01"),
        ("2018-04-29", "the statement is dated 2018-04-30, and an edition cannot come before it: give --date 2018-04-30 or later, or correct 'date:' in its file and run 'jointly statement add' with it", "2018-04-30"),
    ])
    func anEditionIsDatedBetweenTheStatementsDateAndToday(refused: String, reason: String, accepted: String) throws {
        let db = try Fixture.database()
        #expect(throws: JointlyError.invalidValue(field: "date", value: refused, reason: reason)) {
            try db.publish(slug: slug, date: refused, actor: "t")
        }
        #expect(try db.editions(slug: slug).isEmpty)
        #expect(try db.publish(slug: slug, date: accepted, actor: "t").edition == 1)
    }

    @Test func statesMoveOnlyAlongTheAllowedTransitions() throws {
        let db = try Fixture.database()
        #expect(throws: JointlyError.invalidTransition(slug: slug, from: "draft", to: "closed", allowed: ["open", "published"])) {
            try db.closeStatement(slug: slug, force: false, actor: "t")
        }
        #expect(try db.openStatement(slug: slug, actor: "t").status == .open)
        #expect(throws: JointlyError.invalidTransition(slug: slug, from: "open", to: "open", allowed: ["published", "closed"])) {
            try db.openStatement(slug: slug, actor: "t")
        }
        _ = try db.publish(slug: slug, date: "2018-04-30", actor: "t")
        #expect(throws: JointlyError.invalidTransition(slug: slug, from: "published", to: "open", allowed: ["closed"])) {
            try db.openStatement(slug: slug, actor: "t")
        }
        #expect(try db.closeStatement(slug: slug, force: false, actor: "t").status == .closed)
        #expect(throws: JointlyError.invalidTransition(slug: slug, from: "closed", to: "published", allowed: [])) {
            try db.publish(slug: slug, actor: "t")
        }
        #expect(throws: JointlyError.statementClosed(slug: slug)) {
            try db.sign(slug: slug, SignatoryInput(organisation: "Late"), actor: "t")
        }
    }

    @Test func closingWithPendingSignaturesNeedsForce() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "A"), options: SignOptions(pending: true), actor: "t")
        _ = try db.openStatement(slug: slug, actor: "t")
        do {
            _ = try db.closeStatement(slug: slug, force: false, actor: "t")
            Issue.record("expected a refusal")
        } catch let JointlyError.invalidValue(_, _, reason) {
            #expect(reason.hasPrefix("1 signature is still pending"))
        }
        #expect(try db.closeStatement(slug: slug, force: true, actor: "t").status == .closed)
    }

    @Test func aDeadlineStopsSigningUnlessForcedAndTheForceIsRecorded() throws {
        let db = try AppDatabase.inMemory(clock: Fixture.clock)
        // The statement is dated ten days before the clock's day, its deadline the day before.
        let text = Fixture.statementText
            .replacingOccurrences(of: "date: 2018-04-30", with: "date: 2018-04-20")
            .replacingOccurrences(of: "issuer: ARTICLE 19", with: "issuer: ARTICLE 19\ndeadline: 2018-04-29")
        _ = try db.addStatement(Fixture.statement(text), actor: "t")
        do {
            _ = try db.sign(slug: slug, SignatoryInput(organisation: "Late"), actor: "t")
            Issue.record("expected a refusal")
        } catch let JointlyError.invalidValue(field, value, _) {
            #expect(field == "deadline" && value == "2018-04-29")
        }
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Late"), options: SignOptions(force: true), actor: "t")
        let event = try #require(try db.log(slug: slug).last)
        #expect(event.newValue?.contains("\"pastDeadline\":\"2018-04-29\"") == true)
    }

    /// A group at risk must be able to stop being named whatever the statement's state:
    /// closing it, or its deadline passing, froze the name on the site.
    @Test func aGroupCanAskToBeUnnamedAfterTheDeadlineAndAfterClosing() throws {
        let text = Fixture.statementText
            .replacingOccurrences(of: "date: 2018-04-30", with: "date: 2018-04-20")
            .replacingOccurrences(of: "issuer: ARTICLE 19", with: "issuer: ARTICLE 19\ndeadline: 2018-04-29")
        let db = try AppDatabase.inMemory(clock: Fixture.clock)
        _ = try db.addStatement(Fixture.statement(text), actor: "t")
        // Recorded late, from a list kept before the deadline.
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "At Risk", signedAt: "2018-04-25"), options: SignOptions(force: true), actor: "t")
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Other", signedAt: "2018-04-25"), options: SignOptions(force: true), actor: "t")
        // Past the deadline: a change to a signature is not a signature.
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Other", person: "A Person"), options: SignOptions(update: true), actor: "t")
        _ = try db.publish(slug: slug, date: "2018-04-30", actor: "t")
        _ = try db.closeStatement(slug: slug, force: false, actor: "t")
        #expect(throws: JointlyError.invalidValue(
            field: "statement", value: slug,
            reason: "is closed, so its signatures are kept as they were; only a request to be unnamed (--update --unnamed, alone) changes one now")) {
            try db.sign(slug: slug, SignatoryInput(organisation: "At Risk", person: "Someone"), options: SignOptions(update: true), actor: "t")
        }
        let outcome = try db.sign(slug: slug, SignatoryInput(organisation: "At Risk", unnamed: true), options: SignOptions(update: true), actor: "t")
        #expect(outcome == .updated(organisation: "At Risk", changes: ["unnamed"]))
        #expect(throws: JointlyError.statementClosed(slug: slug)) {
            try db.sign(slug: slug, SignatoryInput(organisation: "Late"), actor: "t")
        }
        #expect(try db.signatories(slug: slug).first { $0.organisation == "At Risk" }?.unnamed == true)
    }

    @Test func editionsRecordWhoJoinedAndLeftWithFingerprints() throws {
        // The second edition is published on 2018-05-16, so the clock says that day.
        let db = try Fixture.database(clock: FixedClock(Date(timeIntervalSince1970: 1_526_428_800)))
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "First", country: "GB", signedAt: "2018-04-30"), actor: "t")
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Later", country: "US", signedAt: "2018-05-10"), actor: "t")
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Quiet", signedAt: "2018-05-10", unnamed: true), actor: "t")
        let first = try db.publish(slug: slug, date: "2018-04-30", actor: "t")
        #expect(first.edition == 1 && first.signatoryCount == 1)
        #expect(first.joined == ["First"])
        _ = try db.withdraw(slug: slug, organisation: "First", reason: "changed its mind", actor: "t")
        let second = try db.publish(slug: slug, date: "2018-05-16", actor: "t")
        #expect(second.edition == 2 && second.signatoryCount == 2)
        #expect(second.joined == ["Later"])
        #expect(second.left == ["First"])
        #expect(second.unnamedJoined == 1)
        #expect(second.listHash != first.listHash)
        #expect(second.textHash == first.textHash)
        #expect(second.chainHead == (try db.log().last?.hash))
        #expect(try db.editions(slug: slug) == [first, second])
        #expect(throws: JointlyError.invalidValue(
            field: "date", value: "2018-05-01", reason: "edition 2 was published on 2018-05-16; a new edition cannot be dated earlier")) {
            try db.publish(slug: slug, date: "2018-05-01", actor: "t")
        }
    }

    @Test func theListHashNeverDependsOnUnnamedNames() throws {
        let one = try Fixture.database(), two = try Fixture.database()
        _ = try one.sign(slug: slug, SignatoryInput(organisation: "Secret A", unnamed: true), actor: "t")
        _ = try two.sign(slug: slug, SignatoryInput(organisation: "Secret B", unnamed: true), actor: "t")
        #expect(try one.publish(slug: slug, actor: "t").listHash == two.publish(slug: slug, actor: "t").listHash)
    }

    @Test func verifyingAndRejectingRecordHowWhoAndWhy() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Form Org"), options: SignOptions(pending: true), actor: "t")
        let verified = try db.verify(slug: slug, organisation: "form org", method: .phone, by: "Ana", evidence: "call 3 May", actor: "ana").signature
        #expect(verified.status == .verified)
        #expect(verified.verificationMethod == .phone && verified.verifiedBy == "Ana" && verified.verificationEvidence == "call 3 May")
        #expect(throws: JointlyError.invalidValue(field: "org", value: "Form Org", reason: "its signature is already verified; nothing was changed")) {
            try db.verify(slug: slug, organisation: "Form Org", method: .email, by: "Ana", evidence: nil, actor: "t")
        }
        let rejected = try db.reject(slug: slug, organisation: "Form Org", reason: "not authorised to sign", actor: "t").signature
        #expect(rejected.status == .rejected && rejected.rejectionReason == "not authorised to sign")
        #expect(try db.signatories(slug: slug).isEmpty)
        let actions = try db.log(slug: slug).map(\.action)
        #expect(actions.suffix(2) == ["signature.verify", "signature.reject"])
    }

    /// `verify` used to reinstate a rejected signature as if it were pending, so a colleague
    /// working through the queue could publish a group a coordinator had refused.
    @Test func aRejectedSignatureIsVerifiedOnlyWhenReinstatedOnPurpose() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Form Org"), options: SignOptions(pending: true), actor: "t")
        #expect(throws: JointlyError.invalidValue(
            field: "org", value: "Form Org",
            reason: "its signature is pending, not rejected, so nothing was changed; check it is the one you meant, then verify it without --reinstate")) {
            try db.verify(slug: slug, organisation: "Form Org", method: .email, by: "Ana", evidence: nil, reinstate: true, actor: "t")
        }
        _ = try db.reject(slug: slug, organisation: "Form Org", reason: "not authorised to sign", actor: "t")
        #expect(throws: JointlyError.invalidValue(
            field: "org", value: "Form Org",
            reason: "its signature was rejected (not authorised to sign), so nothing was changed; add --reinstate to verify it after all")) {
            try db.verify(slug: slug, organisation: "Form Org", method: .email, by: "Ana", evidence: nil, actor: "t")
        }
        #expect(try db.signatories(slug: slug).isEmpty)
        let reinstated = try db.verify(
            slug: slug, organisation: "Form Org", method: .letter, by: "Ana", evidence: "signed letter", reinstate: true, actor: "t").signature
        #expect(reinstated.status == .verified && reinstated.rejectionReason == nil)
        #expect(try db.signatories(slug: slug).map(\.organisation) == ["Form Org"])
        let event = try #require(try db.log(slug: slug).last)
        #expect(event.action == "signature.verify" && event.oldValue?.contains("\"rejected\"") == true)
    }

    @Test func anUpdateChangesFieldsAndEndorsementsWithOldAndNewValues() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "A", demands: ["unblock-telegram"]), actor: "t")
        let outcome = try db.sign(
            slug: slug, SignatoryInput(organisation: "A", person: "Ana", demands: ["unblock-telegram", "repeal-vpn-ban"], onBehalf: false),
            options: SignOptions(update: true), actor: "t")
        #expect(outcome == .updated(organisation: "A", changes: ["person", "affiliation only", "demands"]))
        let entry = try #require(try db.log(slug: slug).last)
        #expect(entry.action == "signature.update")
        #expect(entry.oldValue?.contains("\"demands\":[\"unblock-telegram\"]") == true)
        #expect(entry.newValue?.contains("\"demands\":[\"unblock-telegram\",\"repeal-vpn-ban\"]") == true)
    }

    /// "Affiliation only: a person signed in their own name" of no person recorded.
    @Test func anAffiliationOnlySignatureNeedsThePersonWhoSigned() throws {
        let db = try Fixture.database()
        let refusal = JointlyError.invalidValue(
            field: "on-behalf", value: "false",
            reason: "an affiliation-only signature is a person's: give who signed in their own name (--person, or a person column)")
        #expect(throws: refusal) { try db.sign(slug: slug, SignatoryInput(organisation: "A", onBehalf: false), actor: "t") }
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "A"), actor: "t")
        #expect(throws: refusal) {
            try db.sign(slug: slug, SignatoryInput(organisation: "A", onBehalf: false), options: SignOptions(update: true), actor: "t")
        }
        // One recorded before the rule still takes a request to be unnamed.
        try db.write { try $0.execute(sql: "UPDATE signature SET onBehalf = 0 WHERE person IS NULL") }
        #expect(try db.sign(slug: slug, SignatoryInput(organisation: "A", unnamed: true), options: SignOptions(update: true), actor: "t")
            == .updated(organisation: "A", changes: ["unnamed"]))
        let path = try ImportFixture.file("aff.csv", "org,on-behalf\nB,false\n")
        #expect(try ImportFixture.failure(db, path) == ["\(path):2: on-behalf 'false': an affiliation-only signature is a person's: give who signed in their own name (--person, or a person column)"])
    }

    /// `sign --update --no-unnamed` said "updated A: unnamed", the opposite of what it did.
    @Test func anUpdateSaysWhichWayTheNameAndCapacityChanged() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "A", person: "Ana", unnamed: true, onBehalf: false), actor: "t")
        #expect(try db.sign(slug: slug, SignatoryInput(organisation: "A", unnamed: false, onBehalf: true), options: SignOptions(update: true), actor: "t")
            == .updated(organisation: "A", changes: ["named again", "on behalf"]))
        #expect(try db.sign(slug: slug, SignatoryInput(organisation: "A", unnamed: true), options: SignOptions(update: true), actor: "t")
            == .updated(organisation: "A", changes: ["unnamed"]))
    }

    @Test func aNewDemandIsNotEndorsedUntilConfirmed() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Early"), actor: "t")
        let added = Fixture.statementText.replacingOccurrences(
            of: "---\nThe body.", with: "  - key: free-journalists\n    to: russia\n    text: Free the journalists.\n---\nThe body.")
        _ = try db.addStatement(Fixture.statement(added), actor: "t", newVersion: true, note: "added a demand")
        #expect(try db.demands(slug: slug).first { $0.key == "free-journalists" }?.endorsements == 0)
        #expect(try db.signatories(slug: slug)[0].version == 1)
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Early", demands: ["unblock-telegram", "repeal-vpn-ban", "resist-unlawful-orders", "free-journalists"]),
                        options: SignOptions(update: true), actor: "t")
        #expect(try db.demands(slug: slug).first { $0.key == "free-journalists" }?.endorsements == 1)
        #expect(try db.signatories(slug: slug)[0].version == 2)
        let diff = try db.diff(slug: slug, from: 1, to: 2)
        #expect(diff.contains("+ free-journalists: Free the journalists.\n"))
        #expect(diff.contains("  unblock-telegram: Stop blocking Telegram.\n"))
    }
}

@Suite struct IntegrityTests {
    func published() throws -> AppDatabase {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "A"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "B"), actor: "t")
        _ = try db.publish(slug: "test-statement", date: "2018-04-30", actor: "t")
        return db
    }

    @Test func aSoundDatabasePassesTheCheck() throws {
        let report = try published().check()
        #expect(report.isSound)
        #expect(report.events == 4 && report.heads == 1 && report.lists == 1)
    }

    @Test func anEditedEventIsReportedWithItsId() throws {
        let db = try published()
        try db.write { try $0.execute(sql: "UPDATE event SET actor = 'mallory' WHERE id = 2") }
        #expect(try db.check().problems == ["audit log: event 2 (signature.add A) was edited: its content no longer matches its hash"])
    }

    @Test func anEventDeletedInTheMiddleIsReported() throws {
        let db = try published()
        try db.write { try $0.execute(sql: "DELETE FROM event WHERE id = 2") }
        #expect(try db.check().problems == ["audit log: event 3 does not follow event 1: events between them were deleted or edited"])
    }

    @Test func deletingTheNewestEventsIsCaughtByTheEditionHead() throws {
        let db = try published()
        try db.write { try $0.execute(sql: "DELETE FROM event WHERE id = 4") }
        let problems = try db.check().problems
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("audit log: edition 1 of test-statement recorded chain head "))
    }

    /// An edition keeps its list as published (v9): the check recomputes its sha256.
    @Test func anEditedKeptListIsReported() throws {
        let db = try published()
        try db.write { try $0.execute(sql: "UPDATE publishedSignature SET name = 'B' WHERE name = 'A'") }
        let problems = try db.check().problems
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("edition 1 of test-statement: its kept list no longer matches the list sha256 recorded when it was published (") == true)
    }

    /// `db check` hashed the log and the kept lists but believed the publication rows: a
    /// count raised or a date moved with sqlite3 went unnoticed.
    @Test func anEditedPublicationRowIsReportedAgainstItsPublishEvent() throws {
        let db = try published()
        #expect(try db.check().isSound)
        try db.write { try $0.execute(sql: "UPDATE publication SET signatoryCount = 99, publishedOn = '2018-04-01'") }
        let problems = try db.check().problems
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("edition 1 of test-statement: its date is 2018-04-01, but the publish event it chains to (event ") == true)
        #expect(problems.first?.hasSuffix(") recorded 2018-04-30: the publication table was edited") == true)
        #expect(problems.last?.contains("its signatory count is 99, but the publish event") == true)
    }

    /// Renaming an organisation fixes it everywhere live, but an old edition said what it
    /// said: `statement history` keeps the old name, the next edition's "left" names the
    /// organisation as the list it left named it, and the kept list still hashes right.
    @Test func aRenameDoesNotRewriteWhatAnEditionPublished() throws {
        let slug = "test-statement"
        let db = try Fixture.database()
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Team29", country: "RU"), actor: "t")
        _ = try db.sign(slug: slug, SignatoryInput(organisation: "Stays", country: "GB"), actor: "t")
        let first = try db.publish(slug: slug, date: "2018-04-30", actor: "t")
        _ = try db.editOrganisation(named: "Team29", changes: OrganisationChanges(name: "Team 29"), actor: "t")
        #expect(try db.editions(slug: slug) == [first])
        #expect(first.joined == ["Stays", "Team29"])
        _ = try db.withdraw(slug: slug, organisation: "Team 29", reason: "at risk", actor: "t")
        let second = try db.publish(slug: slug, date: "2018-04-30", actor: "t")
        #expect(second.left == ["Team29"] && second.joined == [])
        #expect(try db.editions(slug: slug).map(\.joined) == [["Stays", "Team29"], []])
        #expect(try db.check().isSound)
    }
}

@Suite struct SignerCapacityTests {
    @Test func templatesCanShowWhoSignedAndInWhatCapacity() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Org Signer", person: "Ana", title: "Director"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Affiliated", person: "Ben", onBehalf: false), actor: "t")
        var files = DefaultTemplates.files
        files["statement.md.mustache"] = """
            {{% CONTENT_TYPE: MARKDOWN }}{{#signatories}}{{name}}: {{person}}{{#hasTitle}}, {{title}}{{/hasTitle}} ({{#onBehalf}}for the organisation{{/onBehalf}}{{^onBehalf}}in a personal capacity{{/onBehalf}})
            {{/signatories}}
            """
        let page = try db.statementPage(slug: "test-statement")
        let text = try Renderer(templates: try TemplateSet(files: files)).render(page, format: .markdown)
        #expect(text == "Affiliated: Ben (in a personal capacity)\nOrg Signer: Ana, Director (for the organisation)\n")
    }
}
