import Foundation
import GRDB
import Testing
@testable import JointlyKit

@Suite struct ExportRoundTripTests {
    /// A database with awkward names: formulas, quotes, commas, line breaks, scripts.
    static func populated() throws -> AppDatabase {
        let db = try Fixture.database()
        let inputs = [
            SignatoryInput(organisation: "+972 Magazine", country: "IL", website: "https://www.972mag.com", kind: "media",
                           person: "Noam", title: "Editor, \"Politics\"", email: "editor@972.example", demands: ["unblock-telegram"]),
            SignatoryInput(organisation: "=HYPERLINK(\"http://evil\")", country: "GB"),
            SignatoryInput(organisation: "'-quoted", shortName: "@Q", country: "US", signedAt: "2018-05-01"),
            SignatoryInput(organisation: "Мемориал", country: "RU", kind: "ngo", unnamed: true),
            SignatoryInput(organisation: "Société, \"Générale\"", country: "FR", demands: ["repeal-vpn-ban", "resist-unlawful-orders"]),
            // A person signing in their own name, the university only their affiliation.
            SignatoryInput(organisation: "University of Tartu", country: "EE", person: "Dr Mari Tamm", onBehalf: false),
        ]
        for input in inputs { _ = try db.sign(slug: ImportFixture.slug, input, actor: "t") }
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Pending Group"), options: SignOptions(pending: true), actor: "t")
        return db
    }

    @Test(arguments: ExportFormat.allCases)
    func anExportReimportsIntoAFreshDatabaseWithNoLoss(format: ExportFormat) throws {
        let db = try Self.populated()
        let folder = try Fixture.temporaryDirectory()
        let path = folder.appendingPathComponent("export.\(format.rawValue)").path
        let summary = try db.exportSignatories(slug: ImportFixture.slug, format: format, includePrivate: true, output: path)
        #expect(summary.rows == 7)
        let fresh = try Fixture.database()
        _ = try fresh.importSignatories(slug: ImportFixture.slug, path: path, options: ImportOptions(format: ImportFormat(rawValue: format.rawValue)), actor: "t")
        let key = { (entries: [SignatoryEntry]) in entries.map { "\($0.organisation)|\($0.shortName ?? "")|\($0.country ?? "")|\($0.website ?? "")|\($0.kind ?? "")|\($0.person ?? "")|\($0.title ?? "")|\($0.demands)|\($0.signedAt)|\($0.status)|\($0.unnamed)" } }
        #expect(key(try fresh.signatories(slug: ImportFixture.slug)) == key(try db.signatories(slug: ImportFixture.slug)))
        let onBehalf = "SELECT o.name, g.onBehalf FROM signature g JOIN organisation o ON o.id = g.organisationId ORDER BY o.name"
        let stored = try db.read { try Row.fetchAll($0, sql: onBehalf) }
        #expect(try fresh.read { try Row.fetchAll($0, sql: onBehalf) } == stored)
        #expect(stored.filter { $0[1] == false }.count == 1)
        let emails = try fresh.read { try String.fetchAll($0, sql: "SELECT email FROM contact") }
        #expect(emails == ["editor@972.example"])
    }

    /// Who signed is personal data the site never shows; an export passed on to a partner
    /// named them until they became private.
    @Test func csvExportNeutralisesFormulasAndLeavesPersonalDataOutByDefault() throws {
        let db = try Self.populated()
        let path = try Fixture.temporaryDirectory().appendingPathComponent("export.csv").path
        _ = try db.exportSignatories(slug: ImportFixture.slug, format: .csv, output: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("org,short-name,country,website,kind,demands,signed-at,status,unnamed,on-behalf\r\n"))
        #expect(text.contains("\r\n'+972 Magazine,"))
        #expect(text.contains("\r\n\"'=HYPERLINK(\"\"http://evil\"\")\","))
        #expect(text.contains("\r\n''-quoted,'@Q,"))
        #expect(!text.contains("editor@972.example"))
        #expect(!text.contains("Noam") && !text.contains("Politics") && !text.contains("Mari Tamm"))
    }

    /// A file with e-mail addresses in it is not left readable by every user of the machine.
    @Test func aPrivateExportIsReadableByItsOwnerOnly() throws {
        let db = try Self.populated()
        let path = try Fixture.temporaryDirectory().appendingPathComponent("export.csv").path
        _ = try db.exportSignatories(slug: ImportFixture.slug, format: .csv, includePrivate: true, output: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
        #expect(mode == 0o600)
    }

    /// A signature updated with a new signer and address: the private export pairs the new
    /// signer with the new address (it gave the oldest, so a coordinator wrote to "Old").
    @Test(arguments: [false, true])
    func aPrivateExportGivesTheLatestAddress(byImport: Bool) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Org E", person: "Old", email: "old@e.example"), actor: "t")
        if byImport {
            let sheet = try ImportFixture.file("update.csv", "org,person,email\nOrg E,New,new@e.example\n")
            _ = try ImportFixture.importing(db, sheet, ImportOptions(onDuplicate: .update))
        } else {
            _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Org E", person: "New", email: "new@e.example"),
                            options: SignOptions(update: true), actor: "t")
        }
        let path = try Fixture.temporaryDirectory().appendingPathComponent("export.csv").path
        _ = try db.exportSignatories(slug: ImportFixture.slug, format: .csv, includePrivate: true, output: path)
        let row = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").dropFirst().first.map(String.init) ?? ""
        #expect(row.contains(",New,,new@e.example,"), "\(row)")
    }

    @Test func jsonCarriesEveryKeyWithNull() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "A"), actor: "t")
        let path = try Fixture.temporaryDirectory().appendingPathComponent("export.ndjson").path
        _ = try db.exportSignatories(slug: ImportFixture.slug, format: .ndjson, output: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            {"organisation":"A","shortName":null,"country":null,"website":null,"kind":null,"demands":["unblock-telegram","repeal-vpn-ban","resist-unlawful-orders"],"signedAt":"2018-04-30","status":"verified","unnamed":false,"onBehalf":true}

            """)
    }
}

@Suite struct BatchUndoTests {
    @Test func undoRemovesExactlyWhatTheBatchAdded() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Before"), actor: "t")
        let before = try ImportFixture.snapshot(db).filter { !$0.hasPrefix("event:") }
        let path = try ImportFixture.file("batch.csv", "org,email\nNew One,a@new.example\nBefore,b@before.example\nNew Two,\n")
        let summary = try ImportFixture.importing(db, path)
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "After"), actor: "t")
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        var expected = BatchUndoSummary(batchId: 1, signatures: 2, organisations: 2, contacts: 1, organisationsKept: 0)
        expected.slug = ImportFixture.slug
        #expect(undo == expected)
        let after = try ImportFixture.snapshot(db).filter {
            !$0.hasPrefix("event:") && !$0.hasPrefix("importBatch:") && !$0.contains("After") && !$0.contains("signatureId:4 ")
                && !$0.contains("organisationId:4 ")
        }
        #expect(after == before)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.organisation).sorted() == ["After", "Before"])
        #expect(try db.batches()[0].undoneAt != nil)
        #expect(throws: JointlyError.self) { try db.undoBatch(id: 1, actor: "t") }
    }

    @Test("an e-mail an import adds to an organisation that had signed is the batch's: undo removes it, and keeps the signature")
    func undoRemovesAContactTheBatchAddedToAKnownSignature() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Before", email: "old@before.example"), actor: "t")
        let path = try ImportFixture.file("batch.csv", "org,email,person\nBefore,new@before.example,Anna\n")
        let summary = try ImportFixture.importing(db, path, ImportOptions(onDuplicate: .update))
        #expect(summary.updated == 1)
        let emails = { try db.read { try String.fetchAll($0, sql: "SELECT email FROM contact ORDER BY id") } }
        #expect(try emails() == ["old@before.example", "new@before.example"])
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.contacts == 1 && undo.signatures == 0)
        #expect(try emails() == ["old@before.example"])
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.organisation) == ["Before"])
    }

    /// The usual way out of a bad sheet is to undo it and import a corrected one: that must
    /// not drop a group's request not to be named, made in the sheet or since.
    @Test(arguments: [false, true])
    func undoIsRefusedWhileASignatureIsUnnamed(since: Bool) throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("batch.csv", "org,country,unnamed\nRisky Group,RU,\(since ? "false" : "true")\nSafe Group,GB,false\n")
        let summary = try ImportFixture.importing(db, path)
        if since {
            _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Risky Group", country: "RU", unnamed: true),
                            options: SignOptions(update: true), actor: "t")
        }
        let before = try ImportFixture.snapshot(db)
        let id = try #require(summary.batchId)
        for dryRun in [true, false] {
            #expect(throws: JointlyError.invalidValue(
                field: "batch", value: String(id),
                reason: "1 of its signatures is unnamed, at the group's request; undoing would erase that request, and a sheet imported "
                    + "again could then publish the name, so nothing was changed: add --force once the sheet you will import marks it unnamed too")) {
                try db.undoBatch(id: id, dryRun: dryRun, actor: "t")
            }
        }
        #expect(try ImportFixture.snapshot(db) == before)
        #expect(try db.undoBatch(id: id, force: true, actor: "t").signatures == 2)
    }

    /// A merge may keep the batch's signature and drop one made by hand (or by another
    /// import): undoing the batch then left the organisation unsigned, and took the dropped
    /// signature's contacts with it.
    @Test(arguments: [false, true])
    func undoIsRefusedWhenAMergeMadeItsSignatureStandForAnother(otherIsImported: Bool) throws {
        let db = try Fixture.database()
        if otherIsImported {
            let first = try ImportFixture.file("first.csv", "org,country,email\nAmnesty International,GB,alice@amnesty.example\n")
            _ = try ImportFixture.importing(db, first)
        } else {
            _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB", email: "alice@amnesty.example"),
                            options: SignOptions(pending: true), actor: "t")
        }
        let path = try ImportFixture.file("batch.csv", "org,country\nAmnesty Intl,GB\n")
        let summary = try ImportFixture.importing(db, path, ImportOptions(verified: true))
        let merge = try db.mergeOrganisations(from: "Amnesty Intl", into: "Amnesty International", actor: "t")
        #expect(merge.resolved.first?.contains("kept the verified signature of 'Amnesty Intl'") == true, "\(merge.resolved)")
        let before = try ImportFixture.snapshot(db)
        let id = try #require(summary.batchId)
        #expect(throws: JointlyError.invalidValue(
            field: "batch", value: String(id),
            reason: "since 'jointly org merge', 1 of its signatures also stands for a signature the merge dropped (that of 'Amnesty International'); "
                + "undoing would leave that organisation unsigned, so nothing was changed: withdraw what should not stand instead, or add --force")) {
            try db.undoBatch(id: id, actor: "t")
        }
        #expect(try ImportFixture.snapshot(db) == before)
        #expect(try db.signatories(slug: ImportFixture.slug, filter: .all).map(\.organisation) == ["Amnesty International"])
    }

    /// Two spellings that came in one sheet and were merged: undoing that sheet takes both.
    @Test func undoOfTheSheetBothMergedSignaturesCameFromIsNotRefused() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("batch.csv", "org,country\nAmnesty International,GB\nAmnesty Intl,GB\n")
        let summary = try ImportFixture.importing(db, path)
        _ = try db.mergeOrganisations(from: "Amnesty Intl", into: "Amnesty International", actor: "t")
        #expect(try db.undoBatch(id: try #require(summary.batchId), actor: "t").signatures == 1)
        #expect(try db.signatories(slug: ImportFixture.slug, filter: .all).isEmpty)
    }

    @Test func undoIsRefusedOncePublished() throws {
        let db = try Fixture.database()
        let path = try ImportFixture.file("batch.csv", "org\nA\n")
        let summary = try ImportFixture.importing(db, path, ImportOptions(verified: true))
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO publication (statementId, versionId, edition, publishedOn, signatoryCount, joined, "left", listHash, textHash, chainHead, createdAt)
                SELECT 1, id, 1, '2018-05-01', 1, '["A"]', '[]', ?, ?, 'x', '2018-05-01T00:00:00Z' FROM statementVersion LIMIT 1
                """, arguments: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
        }
        let before = try ImportFixture.snapshot(db)
        #expect(throws: JointlyError.invalidValue(
            field: "batch", value: "1",
            reason: "its verified signatures may be in edition 1 of 'test-statement', published on 2018-05-01; a published signatory is withdrawn, not erased: use 'jointly withdraw'")) {
            try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        }
        #expect(try ImportFixture.snapshot(db) == before)
    }
}

extension BatchUndoTests {
    /// Verified, published, then withdrawn: the signature is no longer verified, but edition 1
    /// published it, and undo would erase it from that edition's record.
    @Test func undoIsRefusedForASignatureAnEditionPublishedEvenOnceWithdrawn() throws {
        let db = try Fixture.database()
        let summary = try ImportFixture.importing(db, try ImportFixture.file("batch.csv", "org\nA\nB\n"), ImportOptions(verified: true))
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        for name in ["A", "B"] { _ = try db.withdraw(slug: ImportFixture.slug, organisation: name, reason: nil, actor: "t") }
        let before = try ImportFixture.snapshot(db)
        #expect(throws: JointlyError.invalidValue(
            field: "batch", value: "1",
            reason: "2 of its signatures are in edition 1 of 'test-statement', published on 2018-04-30; a published signatory is withdrawn, not erased: use 'jointly withdraw'")) {
            try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        }
        #expect(try ImportFixture.snapshot(db) == before)
    }

    /// The schema itself refuses to delete a published signature (v6), so a path that
    /// forgets the checks above fails instead of rewriting an edition.
    @Test func theSchemaRefusesToDeleteAPublishedSignature() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "A"), actor: "t")
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(throws: DatabaseError.self) {
            try db.writer.write { try $0.execute(sql: "DELETE FROM signature") }
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM publishedSignature") } == 1)
        // Through the front door, the refusal is a sentence, not SQLite's code.
        do {
            try db.write { try $0.execute(sql: "DELETE FROM signature") }
            Issue.record("expected a refusal")
        } catch JointlyError.database(let message) {
            #expect(message.hasPrefix("the database refused the change (FOREIGN KEY constraint failed) and nothing was written"))
        }
    }

    /// A batch imported pending and never published undoes, even after an edition.
    @Test func undoOfAPendingBatchAfterAnEditionWorks() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Earlier"), actor: "t")
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        let summary = try ImportFixture.importing(db, try ImportFixture.file("batch.csv", "org\nLater\n"))
        #expect(try db.undoBatch(id: try #require(summary.batchId), actor: "t").signatures == 1)
    }
}

@Suite struct OrganisationTests {
    @Test func mergeMovesSignaturesEndorsementsContactsAndKeepsTheNameAsAnAlias() throws {
        let db = try Fixture.database()
        let other = try Fixture.statement(Fixture.statementText.replacingOccurrences(of: "slug: test-statement", with: "slug: other-statement"), path: "statements/other-statement.md")
        _ = try db.addStatement(other, actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB", demands: ["unblock-telegram"]), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty Intl", email: "x@amnesty.example"), options: SignOptions(pending: true), actor: "t")
        _ = try db.sign(slug: "other-statement", SignatoryInput(organisation: "Amnesty Intl", demands: ["repeal-vpn-ban"]), actor: "t")
        let events = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? 0 }
        let summary = try db.mergeOrganisations(from: "Amnesty Intl", into: "Amnesty International", actor: "t")
        #expect(summary.signaturesMoved == 1)
        #expect(summary.contactsMoved == 1)
        #expect(summary.resolved == ["both had signed 'test-statement': kept the verified signature of 'Amnesty International', dropped the pending one of 'Amnesty Intl'"])
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? 0 } == events + 1)
        let detail = try db.organisation(named: "Amnesty Intl")
        #expect(detail.organisation.name == "Amnesty International")
        #expect(detail.aliases == ["Amnesty Intl"])
        #expect(detail.contacts == 1)
        #expect(try db.signatories(slug: "other-statement").map { "\($0.organisation) \($0.demands)" } == ["Amnesty International [\"repeal-vpn-ban\"]"])
        #expect(try db.organisations().map(\.name) == ["Amnesty International"])
    }

    /// "Team29" from an old sheet, merged into the "Team 29" that withdrew, must not put it back.
    @Test(arguments: [true, false])
    func mergeKeepsAWithdrawalWhicheverSideHasIt(withdrawnIsInto: Bool) throws {
        let db = try Fixture.database()
        let withdrawn = withdrawnIsInto ? "Team 29" : "Team29", other = withdrawnIsInto ? "Team29" : "Team 29"
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: withdrawn, country: "RU"), actor: "t")
        _ = try db.withdraw(slug: ImportFixture.slug, organisation: withdrawn, country: "RU", reason: "at risk", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: other, country: "RU"), actor: "t")
        let summary = try db.mergeOrganisations(from: "Team29", into: "Team 29", actor: "t")
        #expect(summary.resolved == [
            "both had signed '\(ImportFixture.slug)': kept the withdrawn signature of '\(withdrawn)', dropped the verified one of '\(other)'"])
        let row = try db.read { try Row.fetchOne($0, sql: "SELECT status, withdrawalReason FROM signature") }
        #expect(row?[0] as String? == "withdrawn" && row?[1] as String? == "at risk")
    }

    /// "Viasna Center" asked to be unnamed; "Viasna Centre", verified, did not: the merge keeps
    /// the verified signature, and must keep the group unnamed, whichever side asked.
    @Test(arguments: [true, false])
    func mergeKeepsARequestToBeUnnamedWhicheverSideMadeIt(unnamedIsFrom: Bool) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Viasna Centre", country: "BY", unnamed: !unnamedIsFrom), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Viasna Center", country: "BY", unnamed: unnamedIsFrom),
                        options: SignOptions(pending: true), actor: "t")
        let summary = try db.mergeOrganisations(from: "Viasna Center", into: "Viasna Centre", actor: "t")
        let keptSaysSo = unnamedIsFrom ? ", and kept it unnamed, as the dropped one asked" : ""
        #expect(summary.resolved == [
            "both had signed '\(ImportFixture.slug)': kept the verified signature of 'Viasna Centre', dropped the pending one of 'Viasna Center'\(keptSaysSo)"])
        let row = try db.read { try Row.fetchOne($0, sql: "SELECT status, unnamed FROM signature") }
        #expect(row?[0] as String? == "verified" && row?[1] as Bool? == true)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.unnamed) == [true])
    }

    /// The mirror: FROM's verified, named signature is kept, INTO's pending one asked to be unnamed.
    @Test func mergeKeepingFromsSignatureKeepsIntosRequestToBeUnnamed() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Viasna Centre", country: "BY", unnamed: true),
                        options: SignOptions(pending: true), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Viasna Center", country: "BY"), actor: "t")
        let summary = try db.mergeOrganisations(from: "Viasna Center", into: "Viasna Centre", actor: "t")
        #expect(summary.resolved == [
            "both had signed '\(ImportFixture.slug)': kept the verified signature of 'Viasna Center', dropped the pending one of 'Viasna Centre', and kept it unnamed, as the dropped one asked"])
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.unnamed) == [true])
    }

    /// "Team29" was published in edition 1, "Team 29" signed after it; merging drops the first
    /// signature, which must not erase the organisation from edition 1's record, nor make
    /// edition 2 say it joined.
    @Test func mergeKeepsTheDroppedSignaturesPlaceInPublishedEditions() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Team29", country: "RU"), actor: "t")
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Team 29", country: "RU"), actor: "t")
        _ = try db.mergeOrganisations(from: "Team29", into: "Team 29", actor: "t")
        let published = try db.read {
            try Row.fetchAll($0, sql: """
                SELECT p.name, o.name FROM publishedSignature p JOIN signature g ON g.id = p.signatureId
                JOIN organisation o ON o.id = g.organisationId
                """).map { "\($0[0] as String) → \($0[1] as String)" }
        }
        // Edition 1 printed "Team29"; its row now belongs to the kept signature of "Team 29".
        #expect(published == ["Team29 → Team 29"])
        let second = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(second.joined == [] && second.left == [] && second.signatoryCount == 1)
        #expect(try db.check().isSound)
    }

    /// Two spellings of one organisation both in edition 1: the merge keeps both of the
    /// edition's rows (its list, and so its sha256, stay as published), and edition 2 lists
    /// the organisation once, saying no one joined or left.
    @Test func mergeOfTwoSignaturesOneEditionListedKeepsThatEditionsList() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty Intl", country: "GB"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB"), actor: "t")
        let first = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        _ = try db.mergeOrganisations(from: "Amnesty Intl", into: "Amnesty International", actor: "t")
        #expect(try db.editions(slug: ImportFixture.slug) == [first])
        #expect(try db.check().isSound)
        let second = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(second.signatoryCount == 1 && second.joined == [] && second.left == [])
        #expect(second.merged == ["Amnesty Intl into Amnesty International"])
    }

    /// Diffing editions by the set of signatures made a merge rewrite history: the edition
    /// where the second spelling joined no longer said so, and the next lost a row silently.
    @Test func mergeAfterTheSecondSpellingJoinedKeepsWhoJoinedAndSaysWhatMerged() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB"), actor: "t")
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty Intl", country: "GB"), actor: "t")
        let second = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(second.joined == ["Amnesty Intl"])
        _ = try db.mergeOrganisations(from: "Amnesty Intl", into: "Amnesty International", actor: "t")
        #expect(try db.editions(slug: ImportFixture.slug)[1].joined == ["Amnesty Intl"])
        let third = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(third.signatoryCount == 1 && third.joined == [] && third.left == [])
        #expect(third.merged == ["Amnesty Intl into Amnesty International"])
        let history = Reports.history(versions: [], editions: try db.editions(slug: ImportFixture.slug))
        #expect(history.contains("version 1, 2 signatories; joined: Amnesty Intl\n"))
        #expect(history.contains("version 1, 1 signatory; merged: Amnesty Intl into Amnesty International\n"))
    }

    /// A group that asked to be unnamed between two editions was "no change in the list".
    @Test func aSignatoryThatAskedToBeUnnamedIsCountedNotNamed() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Team 29", country: "RU"), actor: "t")
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Team 29", country: "RU", unnamed: true),
                        options: SignOptions(update: true), actor: "t")
        let second = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        #expect(second.joined == [] && second.left == [] && second.becameUnnamed == 1)
        let history = Reports.history(versions: [], editions: try db.editions(slug: ImportFixture.slug))
        #expect(history.contains("  2  2018-04-30  version 1, 1 signatory; 1 asked to be unnamed\n"))
    }

    @Test func editFixesTheOrganisationEverywhereWithOneEvent() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Humn Rights Watch", country: "US"), actor: "t")
        let edited = try db.editOrganisation(
            named: "Humn Rights Watch", changes: OrganisationChanges(name: "Human Rights Watch", website: "https://www.hrw.org", kind: "ngo"), actor: "t")
        #expect(edited.name == "Human Rights Watch" && edited.website == "https://www.hrw.org" && edited.kind == .ngo)
        #expect(try db.signatories(slug: ImportFixture.slug)[0].organisation == "Human Rights Watch")
        let event = try db.read { try Row.fetchOne($0, sql: "SELECT action, oldValue, newValue FROM event ORDER BY id DESC LIMIT 1") }
        #expect(event?["action"] == "organisation.edit")
        #expect((event?["oldValue"] as String?)?.contains("Humn Rights Watch") == true)
        #expect(throws: JointlyError.self) {
            try db.editOrganisation(named: "Human Rights Watch", changes: OrganisationChanges(website: "javascript:alert(1)"), actor: "t")
        }
    }

    @Test func anAliasMatchesInSignAndCannotNameAnotherOrganisation() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Human Rights Watch"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Access Now"), actor: "t")
        _ = try db.addAlias(organisation: "Human Rights Watch", alias: "HRW", actor: "t")
        #expect(throws: JointlyError.alreadySigned(organisation: "Human Rights Watch", slug: ImportFixture.slug, status: "verified")) {
            try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "hrw"), actor: "t")
        }
        #expect(throws: JointlyError.self) { try db.addAlias(organisation: "Human Rights Watch", alias: "Access Now", actor: "t") }
    }

    /// An "AI" of the US that signed later must not hide that "AI" in GB is Amnesty's alias:
    /// Amnesty was signed a second time, as a new "AI" (GB), by `sign` and `import` alike.
    @Test(arguments: [false, true])
    func anAliasStillMatchesInItsCountryOnceAnotherOrganisationHasThatName(bulk: Bool) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Amnesty International", country: "GB"), actor: "t")
        _ = try db.addAlias(organisation: "Amnesty International", alias: "AI", actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "AI", country: "US"), actor: "t")
        #expect(throws: JointlyError.alreadySigned(organisation: "Amnesty International", slug: ImportFixture.slug, status: "verified")) {
            try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "AI", country: "GB"), actor: "t")
        }
        let path = try ImportFixture.file("alias.csv", "org,country\nAI,GB\nAI,US\n")
        var options = ImportOptions()
        options.bulkAfter = bulk ? 1 : Int.max
        let summary = try ImportFixture.importing(db, path, options)
        #expect(summary.newOrganisations == 0 && summary.duplicatesSkipped == 2, "\(summary.line)")
        #expect(summary.skipped.map(\.message).first?.contains("'Amnesty International'") == true, "\(summary.skipped.map(\.message))")
        #expect(try db.organisations().map(\.name) == ["AI", "Amnesty International"])
    }
}

@Suite struct NearDuplicateKeyTests {
    @Test func abbreviationsSpellingsAndLegalFormsMeet() {
        let pairs = [
            ("Amnesty International", "Amnesty Intl."), ("Electronic Frontier Foundation", "The Electronic Frontier Foundation, Inc."),
            ("World Health Organization", "World Health Organisation"), ("Center for Democracy", "Centre for Democracy"),
            ("Human Rights Watch", "HumanRights Watch"),
        ]
        for (a, b) in pairs {
            #expect(NearDuplicateKey.key(normalized: Names.normalized(a)) == NearDuplicateKey.key(normalized: Names.normalized(b)), "\(a) / \(b)")
        }
        #expect(NearDuplicateKey.key(normalized: Names.normalized("Мой")) != NearDuplicateKey.key(normalized: Names.normalized("Мои")))
    }

    /// A Cyrillic "А" typed in a Latin name (a keyboard layout slip) made a second
    /// organisation that no suggestion pointed at.
    @Test func aLatinNameWithCyrillicOrGreekLookalikesMeetsItsLatinTwin() {
        let key = { (name: String) in NearDuplicateKey.key(normalized: Names.normalized(name)) }
        #expect(key("\u{0410}mnesty International") == key("Amnesty International"))
        #expect(key("Human Rights W\u{0430}tch") == key("Human Rights Watch"))
        #expect(key("C\u{03BF}mmittee to Protect Journalists") == key("Committee to Protect Journalists"))
        // A word wholly in Cyrillic stays itself, even when every letter has a Latin look-alike.
        #expect(key("\u{0441}\u{043E}\u{0440}") != key("cop"))
        #expect(key("Группа риска") == "группариска")
    }

    /// "Human Rights Watch (HRW)" beside "Human Rights Watch" made a second organisation
    /// with no suggestion: an acronym after the name it abbreviates is left out of the key.
    @Test func aNameWithItsAcronymAfterItMeetsTheNameAlone() {
        let key = { (name: String) in NearDuplicateKey.key(normalized: Names.normalized(name)) }
        #expect(key("Human Rights Watch (HRW)") == key("Human Rights Watch"))
        #expect(key("Committee to Protect Journalists (CPJ)") == key("Committee to Protect Journalists"))
        #expect(key("Amnesty International – AI") == key("Amnesty International"))
        #expect(key("Save the Children (STC)") == key("Save the Children"))
        // A last word that is not the initials stays: "Article 19 UK" is another name.
        #expect(key("Reporters Without Borders RSF") != key("Reporters Without Borders"))
        #expect(key("Human Rights Watch UK") != key("Human Rights Watch"))
        #expect(key("Access Now") == "accessnow")
    }
}

@Suite struct NamesFastPathTests {
    @Test func theASCIIPathAgreesWithTheUnicodePath() {
        var names = ["Human Rights Watch", "  A--B  ", "+972 Magazine", "C++ Users", "C ++", "LGBT+", "a+#b", "#1 + 2", "C.P.J.", "a\tb\nc", "", "!!!", "x_y~z", "Team 29."]
        for byte in UInt8(0)..<UInt8(0x80) { names.append("Ab\(Character(Unicode.Scalar(byte)))9 z") }
        for name in names {
            let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
            // The Unicode path, with the ASCII shortcut bypassed by a non-ASCII suffix that normalises away.
            let slow = Names.normalized(folded + "\u{00B7}")
            #expect(Names.normalizedASCII(name) == slow, "\(name.debugDescription)")
        }
    }

    @Test func tidyShortcutAgreesWithSplitting() {
        for name in ["A B", " A", "A ", "A  B", "A\u{00A0}B", "Мой Мир", "A\nB", "", "中心 网络"] {
            #expect(Names.isTidy(name) == (name.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ") == name), "\(name.debugDescription)")
        }
    }
}

extension BatchUndoTests {
    /// The signatures' rows and endorsements and the organisations' rows, without the
    /// times a change stamps: equal when undo put everything back.
    static func signaturesAndOrganisations(_ db: AppDatabase) throws -> [String] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.name, o.country, o.website, o.kind, o.shortName, g.status, g.person, g.personTitle, g.unnamed,
                       g.onBehalf, g.signedAt, g.verifiedAt, g.versionId,
                       (SELECT group_concat(demandId) FROM (SELECT demandId FROM endorsement WHERE signatureId = g.id ORDER BY demandId)) AS demands
                FROM organisation o LEFT JOIN signature g ON g.organisationId = o.id ORDER BY o.id
                """).map(\.description)
        }
    }

    /// `--on-duplicate update` changed signatures and filled in blank details of groups that
    /// had signed before; undo put neither back, so a wrong sheet's changes stayed.
    @Test("undo puts back the signatures a batch updated and clears the details it filled in, where nothing changed them since")
    func undoRestoresWhatTheBatchChanged() throws {
        let db = try Fixture.database()
        let pending = SignOptions(pending: true)
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Kept", demands: ["unblock-telegram"]), options: pending, actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Filled"), actor: "t")
        let untouched = try Self.signaturesAndOrganisations(db)
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Withdrawn Since"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Hidden"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Edited Since"), actor: "t")
        let path = try ImportFixture.file("update.csv", """
            org,country,website,person,demands,unnamed
            Kept,,,Anna,repeal-vpn-ban,
            Kept,,,Anna Petrova,"repeal-vpn-ban,resist-unlawful-orders",
            Filled,DE,https://filled.example,,,
            Withdrawn Since,,,Boris,,
            Hidden,,,,,yes
            Edited Since,,https://edited.example,,,
            New,,,,,

            """)
        let summary = try ImportFixture.importing(db, path, ImportOptions(verified: true, onDuplicate: .update))
        #expect(summary.updated == 4 && summary.organisationsCompleted == 2 && summary.signatures == 1)
        _ = try db.withdraw(slug: ImportFixture.slug, organisation: "Withdrawn Since", reason: nil, actor: "t")
        _ = try db.editOrganisation(named: "Edited Since", changes: OrganisationChanges(website: "https://other.example"), actor: "t")

        let batch = try #require(summary.batchId)
        let before = try ImportFixture.snapshot(db)
        let dry = try db.undoBatch(id: batch, dryRun: true, actor: "t")
        #expect(try ImportFixture.snapshot(db) == before, "a dry run changed the database")
        var undo = try db.undoBatch(id: batch, actor: "t")
        #expect(undo.restored == 1 && undo.changedSince == 1 && undo.keptUnnamed == 1)
        #expect(undo.detailsCleared == 1 && undo.detailsKept == 1 && undo.detailsKeptNames == ["'Edited Since' (website)"])
        #expect(undo.signatures == 1 && undo.organisations == 1 && undo.changedBefore == 0)
        #expect(undo.line == """
            undid batch 1: removed 1 signature, 1 organisation and 0 contacts; put back 1 signature it had updated as it was before; \
            kept 1 signature unnamed that the batch had made unnamed, as an undo never names a group that asked not to be \
            (if one agreed: jointly sign test-statement --org 'Hidden' --update --no-unnamed); left 1 signature it had updated as it is: it was changed again since; cleared the details it had filled in for 1 organisation; \
            kept details it had filled in for 1 organisation, changed since: 'Edited Since' (website)
            """)
        undo.dryRun = true
        #expect(dry == undo)

        // Kept: pending again, one demand, nobody named, as before the sheet (its two rows
        // changed it twice; the first row's earlier values are the ones put back).
        // Filled: no country, no website again.
        #expect(Array(try Self.signaturesAndOrganisations(db).prefix(2)) == untouched)
        let list = try db.signatories(slug: ImportFixture.slug)
        #expect(list.first { $0.organisation == "Hidden" }?.unnamed == true)
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT person FROM signature WHERE status = 'withdrawn'") } == "Boris")
        #expect(try db.organisation(named: "Edited Since").organisation.website == "https://other.example")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batchSignatureChange") } == 0)
        #expect(try db.check().isSound)
    }

    /// An alias is a coordinator's decision about a name: undoing the batch that created the
    /// organisation removes its signature but keeps the organisation and the alias (undo
    /// removed both, by cascade, and did not say so).
    @Test func undoKeepsAnOrganisationGivenAnAliasSince() throws {
        let db = try Fixture.database()
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("aliased.csv", "org,country\nAmnesty International,GB\nOther Group,DE\n"))
        _ = try db.addAlias(organisation: "Amnesty International", alias: "Amnesty Intl", actor: "t")
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.signatures == 2 && undo.organisations == 1 && undo.organisationsKept == 0 && undo.organisationsAliased == 1)
        #expect(undo.line == """
            undid batch 1: removed 2 signatures, 1 organisation and 0 contacts; kept 1 organisation it had created, \
            as it was given an alias since: 'Amnesty International'
            """)
        #expect(try db.organisation(named: "Amnesty Intl").organisation.name == "Amnesty International")
        #expect(try db.signatories(slug: ImportFixture.slug).isEmpty)
        #expect(try db.check().isSound)
    }

    /// A detail an import filled in on one spelling that a merge moves to the other stays the
    /// import's: undo clears it there (the merge's cascade dropped the record, so undo left it).
    @Test(arguments: [false, true])
    func aMergeKeepsWhatABatchFilledInForUndo(intoHasAWebsite: Bool) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Group A", country: "DE"), actor: "t")
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(
            organisation: "Group B", country: "DE", website: intoHasAWebsite ? "https://b.example" : nil), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("fill.csv", "org,country,website,kind\nGroup A,DE,https://a.example,ngo\n"))
        #expect(summary.organisationsCompleted == 1)
        _ = try db.editOrganisation(named: "Group B", changes: OrganisationChanges(kind: "media"), actor: "t")
        _ = try db.mergeOrganisations(from: "Group A", into: "Group B", actor: "t")
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        let kept = try db.organisation(named: "Group B").organisation
        // Its own website and the kind set by hand stay; the filled website goes.
        #expect(kept.website == (intoHasAWebsite ? "https://b.example" : nil))
        #expect(kept.kind?.rawValue == "media")
        #expect(undo.detailsCleared == (intoHasAWebsite ? 0 : 1) && undo.detailsKept == 0)
        #expect(try db.check().isSound)
    }

    /// The details of an organisation a batch created, taken by the one it is merged into,
    /// came from that batch's sheet: undoing the batch clears them there too.
    @Test func aMergeOfAnOrganisationABatchCreatedKeepsItsDetailsForUndo() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Kept Group", country: "DE", kind: "media"), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("new.csv", "org,country,website,kind\nKept Grp,DE,https://grp.example,ngo\n"))
        _ = try db.mergeOrganisations(from: "Kept Grp", into: "Kept Group", actor: "t")
        #expect(try db.organisation(named: "Kept Group").organisation.website == "https://grp.example")
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        let kept = try db.organisation(named: "Kept Group").organisation
        #expect(kept.website == nil && kept.kind?.rawValue == "media")
        // The merge kept "Kept Group"'s own signature (a tie goes to INTO) and dropped the batch's.
        #expect(undo.signatures == 0 && undo.detailsCleared == 1)
        #expect(try db.check().isSound)
    }

    /// With no room for a private copy, a dry run checks in place (holding the write lock,
    /// which the command says) and still changes nothing.
    @Test func aDryRunWithNoRoomForACopyChecksInPlace() throws {
        let folder = try Fixture.temporaryDirectory()
        let path = folder.appendingPathComponent("jointly.sqlite").path
        let db = try AppDatabase.open(path: path, create: true, clock: Fixture.clock)
        _ = try db.addStatement(try Fixture.statement(), actor: "t")
        let csv = try ImportFixture.file("rows.csv", "org,country\nGroup One,DE\n")
        // Where the copy would go, a folder: it cannot be made.
        try FileManager.default.createDirectory(atPath: InterruptCleanup.temporaryPath(for: path), withIntermediateDirectories: false)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let summary = try ImportFixture.importing(db, csv, ImportOptions(dryRun: true))
        #expect(summary.signatures == 1 && summary.dryRun)
        #expect(summary.checkedInPlace?.contains("cannot be created beside the database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try db.signatories(slug: ImportFixture.slug).isEmpty)
        try FileManager.default.removeItem(atPath: InterruptCleanup.temporaryPath(for: path))
        let copied = try ImportFixture.importing(db, csv, ImportOptions(dryRun: true))
        #expect(copied.checkedInPlace == nil && copied.signatures == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".jointly-") }.isEmpty)
    }

    /// A country the undo would clear is kept when the organisation would then be its
    /// namesake without one (the identity index would refuse it).
    @Test func undoKeepsAFilledCountryThatWouldMakeTwoOfOneName() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Twin"), actor: "t")
        let summary = try ImportFixture.importing(db, try ImportFixture.file("fill.csv", "org,country\nTwin,DE\n"))
        // A namesake without a country, as `sign --force` or an older Jointly could make.
        try db.write { try $0.execute(sql: "INSERT INTO organisation (name, sortName, normalizedName, createdAt) SELECT name, sortName, normalizedName, createdAt FROM organisation") }
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.detailsKept == 1 && undo.detailsCleared == 0)
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT ifnull(country, '-') FROM organisation ORDER BY id") } == ["DE", "-"])
    }

    /// What a batch changed holds the signer's earlier name: erasing an organisation's
    /// personal data (or purging old signatures') erases it there too, and undo still puts
    /// back the rest, without the name.
    @Test(arguments: [false, true])
    func erasingContactsErasesTheSignersABatchReplaced(purge: Bool) throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Group", person: "Olga Secret", title: "Secret Title", signedAt: "2018-04-01"), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("signer.csv", "org,person,demands\nGroup,Ivan Secret,repeal-vpn-ban\n"), ImportOptions(onDuplicate: .update))
        if purge { _ = try db.purgeContacts(olderThan: 0, actor: "t") } else { _ = try db.eraseContacts(organisation: "Group", actor: "t") }
        #expect(!(try ImportFixture.snapshot(db).joined().contains("Secret")))
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.restored == 1 && undo.changedSince == 0)
        #expect(try db.signatories(slug: ImportFixture.slug).map { "\($0.person ?? "-") \($0.demands.count)" } == ["- 3"])
    }

    /// A sheet that moved a signature's day forward: purging the signatures older than the
    /// old day erases the old signer kept for undo, and leaves the signer the signature has
    /// now (a purge that scrubbed both sides had undo call it "changed since").
    @Test func purgingErasesEachSideOfAChangeByItsOwnDay() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Group", person: "Olga Old", signedAt: "2018-03-01"), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("moved.csv", "org,person,signed-at,demands\nGroup,Ivan New,2018-04-30,repeal-vpn-ban\n"),
            ImportOptions(onDuplicate: .update))
        _ = try db.purgeContacts(olderThan: 30, actor: "t")
        let dump = try ImportFixture.snapshot(db).joined()
        #expect(!dump.contains("Olga") && dump.contains("Ivan New"))
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.restored == 1 && undo.changedSince == 0)
        #expect(try db.signatories(slug: ImportFixture.slug).map { "\($0.person ?? "-") \($0.signedAt) \($0.demands.count)" } == ["- 2018-03-01 3"])
    }

    /// A closed list stays as it was closed: undo is refused unless --force.
    @Test func undoOnAClosedStatementIsRefusedUnlessForced() throws {
        let db = try Fixture.database()
        let summary = try ImportFixture.importing(db, try ImportFixture.file("late.csv", "org\nGroup\n"))
        _ = try db.openStatement(slug: ImportFixture.slug, actor: "t")
        _ = try db.closeStatement(slug: ImportFixture.slug, force: true, actor: "t")
        let before = try ImportFixture.snapshot(db)
        #expect(throws: JointlyError.invalidValue(
            field: "batch", value: "1",
            reason: "'test-statement' is closed, so its list stays as it was closed and nothing was changed; add --force to undo the batch anyway")) {
            try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        }
        #expect(try ImportFixture.snapshot(db) == before)
        #expect(try db.undoBatch(id: try #require(summary.batchId), force: true, actor: "t").signatures == 1)
    }

    /// A row that only added an e-mail changed nothing undo puts back (its contact is the
    /// batch's), so it records no change, and does not hold up an earlier batch's undo.
    @Test func aContactOnlyUpdateRecordsNoChange() throws {
        let db = try Fixture.database()
        let first = try ImportFixture.importing(db, try ImportFixture.file("first.csv", "org\nGroup\n"))
        _ = try ImportFixture.importing(db, try ImportFixture.file("mail.csv", "org,email\nGroup,a@group.example\n"), ImportOptions(onDuplicate: .update))
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batchSignatureChange") } == 0)
        #expect(try db.undoBatch(id: try #require(first.batchId), actor: "t").signatures == 1)
    }

    /// A batch verified signatures that an edition then listed: undo once made them pending
    /// again, and the next edition said they had left. They stay verified; the rest goes back.
    @Test func undoKeepsVerifiedWhatAnEditionListedSince() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Alpha"), options: SignOptions(pending: true), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("confirm.csv", "org,person\nAlpha,Alan\n"), ImportOptions(verified: true, onDuplicate: .update))
        _ = try db.publish(slug: ImportFixture.slug, date: "2018-04-30", actor: "t")
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.restored == 1 && undo.keptVerified == 1)
        #expect(undo.line.contains("kept 1 signature verified that the batch had verified, as an edition has listed it since"))
        #expect(try db.signatories(slug: ImportFixture.slug).map { "\($0.status) \($0.person ?? "-")" } == ["verified -"])
    }

    /// Three sheets changed one signer: undoing the middle one first leaves it (the third
    /// changed it since), and undoing the third then goes back to before both, not to the
    /// undone second sheet's name.
    @Test func undoingAnEarlierBatchFirstPassesItsEarlierValuesOn() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Group", person: "Alice"), actor: "t")
        var batches: [Int64] = []
        for name in ["Alan", "Ann"] {
            let path = try ImportFixture.file("\(name).csv", "org,person\nGroup,\(name)\n")
            batches.append(try #require(try ImportFixture.importing(db, path, ImportOptions(onDuplicate: .update)).batchId))
        }
        #expect(try db.undoBatch(id: batches[0], actor: "t").changedSince == 1)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.person) == ["Ann"])
        #expect(try db.undoBatch(id: batches[1], actor: "t").restored == 1)
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.person) == ["Alice"])
    }

    /// Undoing a batch whose signatures a later import changed would take that import's
    /// changes with them: refused unless --force, naming the later batch.
    @Test func undoIsRefusedWhenALaterBatchChangedItsSignatures() throws {
        let db = try Fixture.database()
        let first = try ImportFixture.importing(db, try ImportFixture.file("first.csv", "org\nGroup\n"))
        let second = try ImportFixture.importing(
            db, try ImportFixture.file("second.csv", "org,person\nGroup,Anna\n"), ImportOptions(verified: true, onDuplicate: .update))
        let before = try ImportFixture.snapshot(db)
        do {
            _ = try db.undoBatch(id: try #require(first.batchId), actor: "t")
            Issue.record("expected a refusal")
        } catch JointlyError.invalidValue(_, _, let reason) {
            #expect(reason.hasPrefix("batch \(try #require(second.batchId)) ("))
            #expect(reason.hasSuffix("second.csv) changed 1 of its signatures since; undo batch 2 first (jointly batch undo 2), or add --force to remove them as they are now; nothing was changed"))
        }
        #expect(try ImportFixture.snapshot(db) == before)
        #expect(try db.undoBatch(id: try #require(first.batchId), force: true, actor: "t").signatures == 1)
        #expect(try db.check().isSound)
    }
}

extension BatchUndoTests {
    /// A batch imported before v10 kept no earlier values: its undo changes nothing it
    /// cannot put back, and says how many signatures it had changed.
    @Test func undoOfABatchFromBeforeV10SaysWhatItCannotPutBack() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: ImportFixture.slug, SignatoryInput(organisation: "Group"), actor: "t")
        let summary = try ImportFixture.importing(
            db, try ImportFixture.file("old.csv", "org,person\nGroup,Anna\n"), ImportOptions(onDuplicate: .update))
        try db.write { db in
            try db.execute(sql: "UPDATE importBatch SET keepsEarlierValues = 0; DELETE FROM batchSignatureChange")
        }
        let undo = try db.undoBatch(id: try #require(summary.batchId), actor: "t")
        #expect(undo.changedBefore == 1 && undo.restored == 0)
        #expect(undo.line.hasSuffix("; 1 signature that existed before the batch and that it updated or signed again stays as it is (undo cannot restore its earlier values)"))
        #expect(try db.signatories(slug: ImportFixture.slug).map(\.person) == ["Anna"])
    }
}
