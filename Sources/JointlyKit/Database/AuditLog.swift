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

    private static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
