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
        _ db: Database, time: String, actor: String, action: AuditAction,
        statementId: Int64?, subject: String, old: (any Encodable)? = nil, new: (any Encodable)? = nil
    ) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") ?? genesis
        var event = Event(
            id: nil, time: time, actor: actor, action: action.rawValue, statementId: statementId,
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

    /// What the first event after `mark` that took back or changed what is public about an
    /// organisation did ("a signature was withdrawn"), or nil if none followed it.
    static func firstRetraction(_ db: Database, after mark: EventMark) throws -> String? {
        let always = AuditAction.allCases.filter { if case .always = $0.retraction { true } else { false } }
        let conditional = AuditAction.allCases.filter { if case .ifSignaturesUpdated = $0.retraction { true } else { false } }
        guard let found = try String.fetchOne(db, sql: """
            SELECT action FROM event
            WHERE id > ? AND (action IN (\(placeholders(always.count)))
                              OR (action IN (\(placeholders(conditional.count))) AND json_extract(newValue, '$.updated') <> '0'))
            ORDER BY id LIMIT 1
            """, arguments: StatementArguments([mark.id]) + StatementArguments(always.map(\.rawValue))
                + StatementArguments(conditional.map(\.rawValue)))
        else { return nil }
        switch AuditAction(rawValue: found)?.retraction {
        case .always(let what), .ifSignaturesUpdated(let what): return what
        case .never, nil: return "an event changed what is public"
        }
    }

    private static func placeholders(_ count: Int) -> String {
        // `IN ()` is an error in SQLite; `IN (NULL)` matches nothing.
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
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

/// Every kind of change the audit log records; the raw value is the event's `action`.
///
/// One list, so that a new kind of change must say (in ``retraction``) whether it can
/// take back what kept site pages say: the compiler asks for every case.
enum AuditAction: String, CaseIterable {
    case statementAdd = "statement.add"
    case statementVersion = "statement.version"
    case statementEdit = "statement.edit"
    case statementTranslation = "statement.translation"
    case statementDetails = "statement.details"
    case statementOpen = "statement.open"
    case statementClose = "statement.close"
    case statementPublish = "statement.publish"
    case signatureAdd = "signature.add"
    case signatureReactivate = "signature.reactivate"
    case signatureUpdate = "signature.update"
    case signatureVerify = "signature.verify"
    case signatureReject = "signature.reject"
    case signatureWithdraw = "signature.withdraw"
    case organisationComplete = "organisation.complete"
    case organisationEdit = "organisation.edit"
    case organisationAlias = "organisation.alias"
    case organisationMerge = "organisation.merge"
    case contactErase = "contact.erase"
    case contactPurge = "contact.purge"
    case importBatch = "import"
    case batchUndo = "batch.undo"

    /// Whether an event of this kind can take back or change what is public about an
    /// organisation or a statement (so that pages built before it may name a group that
    /// left, name it wrongly, or list a demand the statement no longer makes), and how to
    /// say that one happened.
    enum Retraction: Equatable {
        case never
        case always(String)
        /// Only when the event's `updated` count is not zero.
        case ifSignaturesUpdated(String)
    }

    var retraction: Retraction {
        switch self {
        case .signatureWithdraw: .always("a signature was withdrawn")
        case .signatureReject: .always("a signature was rejected")
        case .signatureUpdate: .always("a signature was changed")
        case .batchUndo: .always("an import was undone")
        case .organisationEdit: .always("an organisation was edited")
        case .organisationMerge: .always("organisations were merged")
        case .importBatch: .ifSignaturesUpdated("an import changed signatures")
        // The kept pages show statements' titles, dates and demands: a removed demand would
        // still be listed as endorsed.
        case .statementVersion: .always("a statement got a new version")
        case .statementEdit: .always("a statement's text was edited")
        case .statementDetails: .always("a statement's details changed")
        case .statementTranslation: .always("a translation was added or changed")
        // Additions, filled-in blanks, private contact data and statement pages (always rebuilt).
        case .statementAdd, .statementOpen,
             .statementClose, .statementPublish, .signatureAdd, .signatureReactivate, .signatureVerify,
             .organisationComplete, .organisationAlias, .contactErase, .contactPurge:
            .never
        }
    }
}
