import GRDB

/// One line of `jointly statement list`.
public struct StatementSummary: Equatable, Sendable {
    public var slug: String
    public var title: String
    public var status: StatementStatus
    public var language: String
    public var date: String
    public var version: Int
    public var verified: Int
    public var pending: Int
}

/// A demand of a statement's current version, with its addressee.
public struct DemandEntry: Equatable, Sendable {
    public var key: String
    public var text: String
    public var addresseeKey: String
    public var addressee: String
    public var addresseeKind: AddresseeKind
    /// Verified signatures that endorse it.
    public var endorsements: Int
}

/// Everything `jointly statement show` prints.
public struct StatementDetail: Equatable, Sendable {
    public var statement: Statement
    public var version: StatementVersion
    public var versionCount: Int
    public var translations: [String]
    public var demands: [DemandEntry]
    public var counts: [SignatureStatus: Int]
    public var unnamed: Int
}

extension AppDatabase {
    /// Every statement, newest date first.
    public func statements() throws -> [StatementSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.slug, s.title, s.status, s.language, s.date,
                       (SELECT max(number) FROM statementVersion v WHERE v.statementId = s.id AND v.language = s.language) AS version,
                       (SELECT count(*) FROM signature g WHERE g.statementId = s.id AND g.status = 'verified') AS verified,
                       (SELECT count(*) FROM signature g WHERE g.statementId = s.id AND g.status = 'pending') AS pending
                FROM statement s ORDER BY s.date DESC, s.slug
                """).map { row in
                StatementSummary(
                    slug: row["slug"], title: row["title"], status: row["status"], language: row["language"],
                    date: row["date"], version: row["version"], verified: row["verified"], pending: row["pending"])
            }
        }
    }

    /// The statement `slug` with its current text, demands and signature counts.
    public func statementDetail(slug: String) throws -> StatementDetail {
        try read { db in
            let statement = try Statement.require(db, slug: slug)
            let statementId = try statement.requireId()
            let version = try StatementVersion.requireCurrent(db, statementId: statementId, slug: slug)
            let versionCount = try StatementVersion
                .filter(StatementVersion.Columns.statementId == statementId && StatementVersion.Columns.language == statement.language)
                .fetchCount(db)
            let translations = try String.fetchAll(db, sql: """
                SELECT DISTINCT language FROM statementVersion WHERE statementId = ? AND language <> ? ORDER BY language
                """, arguments: [statementId, statement.language])
            var counts: [SignatureStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM signature WHERE statementId = ? GROUP BY status", arguments: [statementId]) {
                counts[row["status"]] = row["n"]
            }
            let unnamed = try Signature
                .filter(Signature.Columns.statementId == statementId && Signature.Columns.status == SignatureStatus.verified && Signature.Columns.unnamed == true)
                .fetchCount(db)
            return StatementDetail(
                statement: statement, version: version, versionCount: versionCount, translations: translations,
                demands: try DemandEntry.current(db, statementId: statementId, versionId: try version.requireId()),
                counts: counts, unnamed: unnamed)
        }
    }
}

extension DemandEntry {
    /// The demands of one version, in order, with their verified endorsement counts.
    static func current(_ db: Database, statementId: Int64, versionId: Int64) throws -> [DemandEntry] {
        try Row.fetchAll(db, sql: """
            SELECT d.key, t.text, a.key AS addresseeKey, a.name AS addressee, a.kind AS addresseeKind,
                   (SELECT count(*) FROM endorsement e JOIN signature g ON g.id = e.signatureId
                    WHERE e.demandId = d.id AND g.status = 'verified') AS endorsements
            FROM demand d
            JOIN demandText t ON t.demandId = d.id AND t.versionId = ?
            JOIN addressee a ON a.id = d.addresseeId
            WHERE d.statementId = ?
            ORDER BY d.position
            """, arguments: [versionId, statementId]).map { row in
            DemandEntry(
                key: row["key"], text: row["text"], addresseeKey: row["addresseeKey"], addressee: row["addressee"],
                addresseeKind: row["addresseeKind"], endorsements: row["endorsements"])
        }
    }
}
