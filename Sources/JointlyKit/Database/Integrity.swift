import Foundation
import GRDB

/// What `jointly db check` found.
public struct IntegrityReport: Equatable, Sendable {
    /// One line per problem; empty when the database is sound.
    public var problems: [String]
    /// Events in the audit log.
    public var events: Int
    /// Edition chain heads that were checked.
    public var heads: Int
    /// Editions whose kept list was hashed again and compared with the sha256 they published.
    public var lists: Int = 0

    /// Whether nothing is wrong.
    public var isSound: Bool { problems.isEmpty }
}

/// One audit event for `jointly log`.
public struct LogEntry: Equatable, Sendable, Encodable {
    public var id: Int64
    public var time: String
    public var actor: String
    public var action: String
    public var statement: String?
    public var subject: String
    public var oldValue: String?
    public var newValue: String?
    public var hash: String
}

extension AppDatabase {
    /// Runs SQLite's integrity and foreign-key checks, verifies the audit chain, and
    /// verifies each edition's kept list against the sha256 it published.
    ///
    /// An edited event breaks its own hash; a deleted one breaks the link of the event
    /// after it; deleting the newest events is caught when an edition's recorded chain
    /// head is gone (and, beyond the last edition, by the head `publish` printed).
    public func check() throws -> IntegrityReport {
        try read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)")
            }
            var previousHash = AuditLog.genesis
            var previousId: Int64?
            var hashes = Set<String>()
            // Each publish event by its hash: the edition it recorded, which the chain vouches for.
            var publishEvents: [String: (id: Int64, new: [String: String])] = [:]
            var count = 0
            let cursor = try Event.order(Event.Columns.id).fetchCursor(db)
            while let event = try cursor.next() {
                count += 1
                let id = event.id ?? 0
                if AuditLog.hash(of: event) != event.hash {
                    problems.append("audit log: event \(id) (\(event.action) \(event.subject)) was edited: its content no longer matches its hash")
                }
                if event.previousHash != previousHash {
                    let after = previousId.map { "event \($0)" } ?? "the start of the log"
                    problems.append("audit log: event \(id) does not follow \(after): events between them were deleted or edited")
                }
                hashes.insert(event.hash)
                if event.action == AuditAction.statementPublish.rawValue {
                    let new = event.newValue.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
                    publishEvents[event.hash] = (id, new ?? [:])
                }
                previousHash = event.hash
                previousId = id
            }
            let heads = try Row.fetchAll(db, sql: """
                SELECT s.slug, p.edition, p.chainHead FROM publication p JOIN statement s ON s.id = p.statementId ORDER BY p.id
                """)
            for head in heads where !hashes.contains(head["chainHead"]) {
                let slug: String = head["slug"]
                let edition: Int = head["edition"]
                let hash: String = head["chainHead"]
                problems.append("audit log: edition \(edition) of \(slug) recorded chain head \(hash.prefix(12))…, which is no longer in the log: events were deleted")
            }
            problems += try Self.publicationsAgainstTheirEvents(db, publishEvents)
            let kept = try Publication.filter(sql: "namesKept").order(Column("id")).fetchAll(db)
            for publication in kept {
                let list = try PublishedList.of(db, publicationId: try publication.requireId())
                if list.hash != publication.listHash {
                    let slug = try String.fetchOne(db, sql: "SELECT slug FROM statement WHERE id = ?", arguments: [publication.statementId]) ?? "?"
                    problems.append("edition \(publication.edition) of \(slug): its kept list no longer matches the list sha256 recorded when it was published (\(publication.listHash.prefix(12))…): its rows in publishedSignature were edited")
                }
            }
            return IntegrityReport(problems: problems, events: count, heads: heads.count, lists: kept.count)
        }
    }

    /// Each edition's row against the publish event its chain head names: `publish` logs the
    /// edition's date, count and fingerprints in a hash-chained event, so a publication row
    /// edited afterwards (a count raised, a date moved, a list hash replaced) disagrees with it.
    private static func publicationsAgainstTheirEvents(
        _ db: Database, _ events: [String: (id: Int64, new: [String: String])]
    ) throws -> [String] {
        var problems: [String] = []
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.slug, p.edition, p.publishedOn, p.signatoryCount, p.listHash, p.textHash, p.chainHead
            FROM publication p JOIN statement s ON s.id = p.statementId ORDER BY p.id
            """)
        for row in rows {
            guard let event = events[row["chainHead"]] else { continue }
            let slug: String = row["slug"]
            let edition: Int = row["edition"]
            let recorded: [(field: String, key: String, value: String)] = [
                ("edition", "edition", String(edition)), ("date", "date", row["publishedOn"]),
                ("signatory count", "signatories", String(row["signatoryCount"] as Int)),
                ("list sha256", "listHash", row["listHash"]), ("text sha256", "textHash", row["textHash"]),
            ]
            for (field, key, value) in recorded where event.new[key] != value {
                problems.append(
                    "edition \(edition) of \(slug): its \(field) is \(value), but the publish event it chains to (event \(event.id)) "
                        + "recorded \(event.new[key] ?? "none"): the publication table was edited")
            }
        }
        return problems
    }

    /// The audit log, oldest first, for one statement or all.
    public func log(slug: String? = nil) throws -> [LogEntry] {
        try read { db in
            var sql = """
                SELECT e.*, s.slug FROM event e LEFT JOIN statement s ON s.id = e.statementId
                """
            var arguments: StatementArguments = []
            if let slug {
                let statement = try Statement.require(db, slug: slug)
                sql += " WHERE e.statementId = ?"
                arguments += [statement.id]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY e.id", arguments: arguments).map { row in
                LogEntry(
                    id: row["id"], time: row["time"], actor: row["actor"], action: row["action"], statement: row["slug"],
                    subject: row["subject"], oldValue: row["oldValue"], newValue: row["newValue"], hash: row["hash"])
            }
        }
    }
}
