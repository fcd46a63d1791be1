import Foundation
import GRDB

/// The append-only audit log: every change is an event, each hashed over the one before.
///
/// The chain makes an edited or deleted row detectable (`jointly db check`); deleting
/// the newest rows is caught against the chain heads that editions record.
enum AuditLog {
    /// The hash the first event chains to.
    static let genesis = String(repeating: "0", count: 64)

    /// Appends one event inside the caller's transaction.
    static func append(
        _ db: Database, time: String, actor: String, action: String,
        statementId: Int64?, subject: String, old: (any Encodable)? = nil, new: (any Encodable)? = nil
    ) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") ?? genesis
        var event = Event(
            id: nil, time: time, actor: actor, action: action, statementId: statementId,
            subject: subject, oldValue: try old.map(json), newValue: try new.map(json),
            previousHash: previous, hash: "")
        event.hash = hash(of: event)
        try event.insert(db)
    }

    /// The hash of an event's content chained to its predecessor's hash.
    static func hash(of event: Event) -> String {
        // Length-prefixed fields: no choice of values can make two events serialise alike.
        let fields = [
            event.previousHash, event.time, event.actor, event.action,
            event.statementId.map(String.init) ?? "", event.subject,
            event.oldValue ?? "\u{0}", event.newValue ?? "\u{0}",
        ]
        return Hashing.sha256(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }

    /// The newest event's hash: what a coordinator can post to prove the log is whole.
    static func head(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") ?? genesis
    }

    /// The newest event's id and hash, or nil in a database with none.
    static func last(_ db: Database) throws -> EventMark? {
        try Row.fetchOne(db, sql: "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1").map { EventMark(id: $0[0], hash: $0[1]) }
    }

    /// Whether the event `mark` names is in this database's log, as it was.
    static func contains(_ db: Database, _ mark: EventMark) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT hash FROM event WHERE id = ?", arguments: [mark.id]) == mark.hash
    }

    /// Actions that can take back or change what is public about an organisation, and
    /// how to say that one happened. (An import counts when it updated signatures.)
    static let retractions: KeyValuePairs = [
        "signature.withdraw": "a signature was withdrawn", "signature.reject": "a signature was rejected",
        "signature.update": "a signature was changed", "batch.undo": "an import was undone",
        "organisation.edit": "an organisation was edited", "organisation.merge": "organisations were merged",
    ]

    /// What the first retraction after `mark` did ("a signature was withdrawn"), or nil if none followed it.
    static func firstRetraction(_ db: Database, after mark: EventMark) throws -> String? {
        let actions = retractions.map(\.key)
        guard let action = try String.fetchOne(db, sql: """
            SELECT action FROM event
            WHERE id > ? AND (action IN (\(actions.map { _ in "?" }.joined(separator: ", ")))
                              OR (action = 'import' AND json_extract(newValue, '$.updated') <> '0'))
            ORDER BY id LIMIT 1
            """, arguments: StatementArguments([mark.id]) + StatementArguments(actions))
        else { return nil }
        return retractions.first { $0.key == action }?.value ?? "an import changed signatures"
    }

    private static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A point in the audit log: an event's id and hash (the hash tells another database's
/// event of the same id apart).
struct EventMark: Equatable {
    var id: Int64
    var hash: String
}
