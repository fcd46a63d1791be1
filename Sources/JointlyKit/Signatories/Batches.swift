import Foundation
import GRDB

/// One import batch in `jointly batch list`.
public struct BatchEntry: Encodable, Equatable, Sendable {
    public var id: Int64
    public var statement: String
    public var file: String
    public var rows: Int
    /// Signatures the batch added that still exist.
    public var signatures: Int
    public var actor: String
    public var createdAt: String
    public var undoneAt: String?
}

/// What `jointly batch undo` removed.
public struct BatchUndoSummary: Equatable, Sendable {
    public var batchId: Int64
    public var signatures: Int
    public var organisations: Int
    public var contacts: Int
    /// Organisations the batch created that signed something else since, and so stay.
    public var organisationsKept: Int
    /// Signatures that existed before the batch and that it changed (`--on-duplicate
    /// update`) or signed again after a withdrawal: undo leaves them as they are now.
    public var changedBefore = 0

    /// One line for the person who ran the command.
    public var line: String {
        var text = "undid batch \(batchId): removed \(signatures) signature\(signatures == 1 ? "" : "s"), "
            + "\(organisations) organisation\(organisations == 1 ? "" : "s") and \(contacts) contact\(contacts == 1 ? "" : "s")"
        if organisationsKept > 0 {
            text += "; kept \(organisationsKept) organisation\(organisationsKept == 1 ? "" : "s") that signed elsewhere since"
        }
        if changedBefore > 0 {
            text += "; \(changedBefore) signature\(changedBefore == 1 ? "" : "s") that existed before the batch and that it "
                + "updated or signed again \(changedBefore == 1 ? "stays" : "stay") as \(changedBefore == 1 ? "it is" : "they are") "
                + "(undo cannot restore their earlier values)"
        }
        return text
    }
}

extension AppDatabase {
    /// Every import batch, newest first.
    public func batches() throws -> [BatchEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.id, s.slug, b.fileName, b.rowCount, b.actor, b.createdAt, b.undoneAt,
                       (SELECT count(*) FROM signature g WHERE g.batchId = b.id) AS signatures
                FROM importBatch b JOIN statement s ON s.id = b.statementId
                ORDER BY b.id DESC
                """).map { row in
                BatchEntry(
                    id: row["id"], statement: row["slug"], file: row["fileName"], rows: row["rowCount"],
                    signatures: row["signatures"], actor: row["actor"], createdAt: row["createdAt"], undoneAt: row["undoneAt"])
            }
        }
    }

    /// Removes exactly what batch `id` added: its signatures (with their endorsements and
    /// contacts), the contacts it stored, and the organisations it created that have no
    /// other signature. One audit event.
    ///
    /// Refused when an edition published any of the batch's signatures (even one withdrawn
    /// since), and once the batch may be in one: when its statement was published after
    /// the batch was imported and any of the batch's signatures is verified. Withdraw such
    /// signatures instead, so the next edition records that they left.
    /// Work done on the batch's signatures since the import (a withdrawal, a rejection, a
    /// verification by phone) would go with them: the undo is refused unless `force`, as a
    /// withdrawal erased would let an old sheet sign the group again.
    public func undoBatch(id: Int64, force: Bool = false, actor: String) throws -> BatchUndoSummary {
        let now = clock.now()
        return try write { db in
            guard var batch = try ImportBatch.fetchOne(db, key: id) else {
                throw JointlyError.invalidValue(field: "batch", value: String(id), reason: "no such import batch; see 'jointly batch list'")
            }
            if let undone = batch.undoneAt {
                throw JointlyError.invalidValue(field: "batch", value: String(id), reason: "was already undone at \(undone)")
            }
            let slug = try String.fetchOne(db, sql: "SELECT slug FROM statement WHERE id = ?", arguments: [batch.statementId]) ?? ""
            // Exactly: a signature an edition published, whatever its status is now (one
            // verified, published, then withdrawn is still in that edition's record).
            if let edition = try Row.fetchOne(db, sql: """
                SELECT p.edition, p.publishedOn, count(*) AS signatures FROM publishedSignature ps
                JOIN publication p ON p.id = ps.publicationId JOIN signature g ON g.id = ps.signatureId
                WHERE g.batchId = ? GROUP BY p.id ORDER BY p.edition LIMIT 1
                """, arguments: [id]) {
                let number: Int = edition["edition"], day: String = edition["publishedOn"], count: Int = edition["signatures"]
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "\(count) of its signatures \(count == 1 ? "is" : "are") in edition \(number) of '\(slug)', published on \(day); a published signatory is withdrawn, not erased: use 'jointly withdraw'")
            }
            // Cautiously: a verified signature may be on a page built since an edition.
            if let edition = try Row.fetchOne(db, sql: """
                SELECT p.edition, p.publishedOn FROM publication p
                WHERE p.statementId = ? AND p.createdAt >= ?
                  AND EXISTS (SELECT 1 FROM signature g WHERE g.batchId = ? AND g.status = 'verified')
                ORDER BY p.edition LIMIT 1
                """, arguments: [batch.statementId, batch.createdAt, id]) {
                let number: Int = edition["edition"]
                let day: String = edition["publishedOn"]
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "its verified signatures may be in edition \(number) of '\(slug)', published on \(day); a published signatory is withdrawn, not erased: use 'jointly withdraw'")
            }
            if !force, let since = try Row.fetchOne(db, sql: """
                SELECT count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'rejected'),
                       count(*) FILTER (WHERE status = 'verified' AND verificationMethod IS NOT NULL)
                FROM signature WHERE batchId = ?
                """, arguments: [id]) {
                let parts = [(since[0] as Int, "withdrawn"), (since[1] as Int, "rejected"), (since[2] as Int, "verified by hand")]
                    .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                if !parts.isEmpty {
                    throw JointlyError.invalidValue(
                        field: "batch", value: String(id),
                        reason: "since the import, \(parts.joined(separator: ", ")) of its signatures; undoing would erase that record too "
                            + "(a group that withdrew could be signed again by an old sheet), so nothing was changed: withdraw the others instead, or add --force")
                }
            }
            let contacts = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM contact WHERE batchId = ? OR signatureId IN (SELECT id FROM signature WHERE batchId = ?)
                """, arguments: [id, id]) ?? 0
            try db.execute(sql: "DELETE FROM contact WHERE batchId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM signature WHERE batchId = ?", arguments: [id])
            let signatures = db.changesCount
            let created = try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation WHERE batchId = ?", arguments: [id]) ?? 0
            try db.execute(sql: """
                DELETE FROM organisation WHERE batchId = ?
                  AND NOT EXISTS (SELECT 1 FROM signature g WHERE g.organisationId = organisation.id)
                """, arguments: [id])
            let organisations = db.changesCount
            batch.undoneAt = Timestamps.instant(now)
            try batch.update(db)
            var summary = BatchUndoSummary(
                batchId: id, signatures: signatures, organisations: organisations, contacts: contacts,
                organisationsKept: created - organisations)
            // The import's own event says how many existing signatures it changed (imports before
            // Jointly stopped re-signing withdrawn groups also recorded how many they signed again).
            if let changed = try Int.fetchOne(db, sql: """
                SELECT ifnull(json_extract(newValue, '$.updated'), 0) + ifnull(json_extract(newValue, '$.reactivated'), 0)
                FROM event WHERE action = ? AND json_extract(newValue, '$.batch') = ?
                """, arguments: [AuditAction.importBatch.rawValue, String(id)]) {
                summary.changedBefore = changed
            }
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .batchUndo, statementId: batch.statementId,
                subject: batch.fileName,
                old: ["batch": String(id), "signatures": String(signatures), "organisations": String(organisations),
                      "contacts": String(contacts)])
            return summary
        }
    }
}

extension Reports {
    /// `jointly batch list`.
    public static func batches(_ entries: [BatchEntry]) -> Report<BatchEntry> {
        Report(
            headers: ["id", "statement", "file", "rows", "signatures", "actor", "imported", "undone"],
            rows: entries.map {
                [String($0.id), $0.statement, $0.file, String($0.rows), String($0.signatures), $0.actor, $0.createdAt, $0.undoneAt ?? ""]
            },
            items: entries)
    }
}
