import Foundation
import GRDB
import Testing
@testable import JointlyKit

/// The database file: old schemas migrate, newer ones and non-databases are refused untouched, backups.
@Suite struct DatabaseFileTests {
    /// A full disk said "database: disk I/O error"; a read-only folder or -wal file said the
    /// database was read-only though the file was not. Each says what to check.
    @Test func diskAndPermissionErrorsSayWhatToCheck() {
        let cases: [(ResultCode, String)] = [
            (.SQLITE_FULL, "data/j.sqlite: could not write the database (database or disk is full): the disk may be full; free some space and try again; nothing was changed"),
            (.SQLITE_IOERR, "data/j.sqlite: could not write the database (disk I/O error): the disk may be full; free some space and try again; nothing was changed"),
            (.SQLITE_READONLY, "data/j.sqlite: the database is read-only (check that the file, its folder and any j.sqlite-wal and -shm files beside it are writable by you)"),
        ]
        for (code, line) in cases {
            do {
                let _: Int = try translatingErrors(path: "data/j.sqlite") {
                    throw DatabaseError(resultCode: code, message: code == .SQLITE_FULL ? "database or disk is full" : code == .SQLITE_IOERR ? "disk I/O error" : nil)
                }
            } catch let error as JointlyError {
                #expect(error.lines == [line])
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    static let tables = [
        "statement", "statementVersion", "addressee", "demand", "demandText", "organisation", "organisationAlias",
        "importBatch", "signature", "endorsement", "contact", "event", "publication",
        // Tables later migrations added: counted where the fixture has them.
        "publishedSignature", "addresseeName",
    ]

    /// A database file made from a schema fixture's SQL dump.
    func database(fromFixture name: String) throws -> String {
        let sql = try String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("Tests/Fixtures/schema/\(name).sql"), encoding: .utf8)
        let path = try Fixture.temporaryDirectory().appendingPathComponent("\(name).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
        return path
    }

    func counts(_ path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Dictionary(uniqueKeysWithValues: Self.tables.filter { try db.tableExists($0) }.map {
                ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0)
            })
        }
    }

    @Test(arguments: ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"])
    func everyReleasedSchemaOpensMigratesAndKeepsEveryRow(version: String) throws {
        let path = try database(fromFixture: version)
        let before = try counts(path)
        #expect(before["signature"] == 16 && before["event"] == 5)
        let db = try AppDatabase.open(path: path)
        // Every row the fixture had is still there; tables the migrations added start empty.
        #expect(try counts(path).filter { before[$0.key] != nil } == before)
        #expect(try db.read { try Migrations.migrator.appliedIdentifiers($0) } == Migrations.known)
        #expect(try db.check().isSound)
        #expect(try db.signatories(slug: "russia-telegram-2018").count == 16)
        #expect(try db.editions(slug: "russia-telegram-2018").count == 1)
        // A batch from before v10 recorded nothing an undo could put back, and says so.
        let kept = try db.read { try Bool.fetchAll($0, sql: "SELECT keepsEarlierValues FROM importBatch") }
        #expect(kept.allSatisfy { !$0 })
        if version == "v9" { #expect(kept.count == 1) }
    }

    /// v7 matches names again keeping a `+` after a letter: a v6 database's "C++ Users Group"
    /// had the key of "C Users Group", and signing that would have been skipped as a duplicate.
    @Test func v7KeysNamesWithAPlusAgainAndOnlyThose() throws {
        let path = try database(fromFixture: "v6")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, sortName, normalizedName, createdAt) VALUES
                  (100, 'C++ Users Group', 'C++ Users Group', 'c users group', 'x'),
                  (101, 'Société Ｃ＃', 'Société Ｃ＃', 'societe c', 'x');
                INSERT INTO organisationAlias (organisationId, alias, normalizedAlias) VALUES (100, 'CPP+ UG', 'cpp ug');
                """)
        }
        let before = try queue.read { try String.fetchAll($0, sql: "SELECT normalizedName FROM organisation WHERE id < 100 ORDER BY id") }
        try queue.close()
        let db = try AppDatabase.open(path: path)
        let keys = try db.read { db in
            try String.fetchAll(db, sql: "SELECT normalizedName FROM organisation WHERE id >= 100 ORDER BY id")
                + String.fetchAll(db, sql: "SELECT normalizedAlias FROM organisationAlias WHERE organisationId = 100")
        }
        #expect(keys == ["c++ users group", "societe c#", "cpp+ ug"])
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT normalizedName FROM organisation WHERE id < 100 ORDER BY id") } == before)
        #expect(try db.check().isSound)
    }

    /// v9 keeps each edition's list: an edition published before it gets today's names in
    /// page order, which hash to the sha256 it recorded when nothing was renamed since.
    @Test func v9KeepsEachEditionsListAsPublished() throws {
        let path = try database(fromFixture: "v8")
        let recorded = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "SELECT joined FROM publication") }
        let db = try AppDatabase.open(path: path)
        let kept = try db.read { try Row.fetchAll($0, sql: "SELECT position, name FROM publishedSignature ORDER BY position") }
        #expect(kept.map { $0["position"] as Int } == Array(1...13))
        let edition = try #require(try db.editions(slug: "russia-telegram-2018").first)
        #expect(edition.namesKept)
        #expect(try JSONDecoder().decode([String].self, from: Data(try #require(recorded).utf8)) == edition.joined)
        #expect(try db.check().isSound)
    }

    /// An organisation renamed after an edition, before the upgrade: today's names no longer
    /// hash to what the edition recorded, so it is marked, said in the history, not a problem.
    @Test func v9MarksAnEditionWhoseListItCannotRebuild() throws {
        let path = try database(fromFixture: "v8")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE organisation SET name = 'Team Twenty-Nine', sortName = 'Team Twenty-Nine' WHERE name = 'Team 29'") }
        try queue.close()
        let db = try AppDatabase.open(path: path)
        let editions = try db.editions(slug: "russia-telegram-2018")
        #expect(editions.map(\.namesKept) == [false])
        #expect(Reports.history(versions: [], editions: editions).contains("names as of the upgrade"))
        let report = try db.check()
        #expect(report.isSound && report.lists == 0)
    }

    /// The schema a database migrated from the oldest release ends with: the same as a new one's.
    func schema(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
                """)
        }
    }

    @Test func aMigratedDatabaseHasTheSchemaOfANewOne() throws {
        let migrated = try database(fromFixture: "v1")
        _ = try AppDatabase.open(path: migrated)
        let fresh = try Fixture.temporaryDirectory().appendingPathComponent("fresh.sqlite").path
        _ = try AppDatabase.open(path: fresh, create: true)
        #expect(try schema(migrated) == schema(fresh))
    }

    /// v4 rewrote the enumerated `CHECK`s of `organisation` and `signature` as `OR` chains:
    /// each must still refuse a value outside its list and accept every value in it.
    @Test(arguments: [
        ("UPDATE signature SET status = ?", ["pending", "verified", "rejected"], "accepted"),
        ("UPDATE signature SET onBehalf = ?", ["0", "1"], "2"),
        ("UPDATE signature SET unnamed = ?", ["0", "1"], "yes"),
        ("UPDATE signature SET source = ?", ["cli", "import", "form"], "web"),
        ("UPDATE signature SET verificationMethod = ?", ["email", "phone", "letter", "in-person", "other"], "fax"),
        ("UPDATE organisation SET kind = ?", ["ngo", "media", "academic", "union", "company", "network", "other"], "club"),
    ])
    func enumeratedColumnsStillRefuseOtherValues(update: String, allowed: [String], refused: String) throws {
        let queue = try DatabaseQueue(path: try database(fromFixture: "v4"))
        defer { try? queue.close() }
        try queue.write { db in
            for value in allowed { try db.execute(sql: update + " WHERE id = 1", arguments: [value]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: update + " WHERE id = 1", arguments: [refused]) }
        }
    }

    @Test func aDatabaseFromANewerJointlyIsRefusedAndLeftUntouched() throws {
        let path = try database(fromFixture: "v2")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: JointlyError.databaseTooNew(path: path, migration: "v99")) { try AppDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aFileThatIsNotSQLiteIsRefused() throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("notes.sqlite").path
        try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JointlyError.notADatabase(path: path, reason: "not an SQLite file")) { try AppDatabase.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "these are my notes, not a database\n")
    }

    @Test func aBackupIsAConsistentCopyThatPassesTheCheck() throws {
        let source = try AppDatabase.open(path: database(fromFixture: "v2"))
        let target = try Fixture.temporaryDirectory().appendingPathComponent("backup.sqlite").path
        try source.backup(to: target)
        let copy = try AppDatabase.open(path: target)
        #expect(try copy.check().isSound)
        #expect(try counts(target) == counts(source.path))
        #expect(throws: JointlyError.io(path: target, reason: "already exists; choose a new file name for the backup")) {
            try source.backup(to: target)
        }
    }
}

@Suite struct PrivacyTests {
    @Test func erasingRemovesContactsAndSignerDetailsButKeepsTheSignature() throws {
        let db = try Fixture.database()
        _ = try db.sign(slug: "test-statement", SignatoryInput(organisation: "Team 29", person: "A Person", title: "Director", email: "a@team29.example"), actor: "t")
        let summary = try db.eraseContacts(organisation: "Team 29", actor: "t")
        #expect(summary == ErasureSummary(contacts: 1, signatures: 1))
        let entry = try #require(try db.signatories(slug: "test-statement").first)
        #expect(entry.organisation == "Team 29" && entry.person == nil && entry.title == nil)
        #expect(try db.read { try Contact.fetchCount($0) } == 0)
        #expect(try db.check().isSound)
        let log = try db.log().map { ($0.oldValue ?? "") + ($0.newValue ?? "") }.joined()
        #expect(!log.contains("A Person") && !log.contains("a@team29.example") && !log.contains("Director"))
    }

    /// A purge for data retention left the signers' names and titles behind.
    @Test func purgingRemovesOnlyThePersonalDataOfOldSignatures() throws {
        let db = try Fixture.database()  // today is 2018-04-30
        _ = try db.sign(slug: "test-statement", SignatoryInput(
            organisation: "Old", person: "Old Person", title: "Director", email: "old@x.example", signedAt: "2017-09-01"), actor: "t")
        _ = try db.sign(slug: "test-statement", SignatoryInput(
            organisation: "New", person: "New Person", email: "new@x.example", signedAt: "2018-04-01"), actor: "t")
        #expect(try db.purgeContacts(olderThan: 180, actor: "t") == ErasureSummary(contacts: 1, signatures: 1))
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT email FROM contact") } == ["new@x.example"])
        #expect(try db.signatories(slug: "test-statement").count == 2)
        let people = try db.read { try Row.fetchAll($0, sql: "SELECT person, personTitle FROM signature ORDER BY id") }
        #expect(people.map { $0[0] as String? } == [nil, "New Person"] && people.map { $0[1] as String? } == [nil, nil])
        #expect(try db.check().isSound)
    }
}
