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
    /// Organisations the batch created, signed nowhere now, that were given an alias since
    /// (by hand, or by a merge into them): they stay, with their aliases.
    public var organisationsAliased = 0
    /// The first few of those, by name.
    public var organisationsAliasedNames: [String] = []
    /// Signatures that existed before a batch imported before v10 and that it changed
    /// (`--on-duplicate update`) or signed again after a withdrawal: such a batch recorded
    /// nothing of their earlier values, so undo leaves them as they are now.
    public var changedBefore = 0
    /// Signatures that existed before the batch and that it changed: put back as they were.
    public var restored = 0
    /// Signatures the batch changed that were changed again since (withdrawn, verified,
    /// updated): left as they are now.
    public var changedSince = 0
    /// Signatures the batch had made unnamed: they stay unnamed, as an undo never names a
    /// group that asked not to be; the first few by name.
    public var keptUnnamed = 0
    /// The first few of those, by name, for the command that names one again.
    public var keptUnnamedNames: [String] = []
    /// Signatures the batch had verified that an edition has listed since (or whose
    /// statement is closed): they stay verified, whatever else is put back, as putting them
    /// back to pending would make the next edition say they left.
    public var keptVerified = 0
    /// Organisations that existed before the batch whose blank details it had filled in: cleared again.
    public var detailsCleared = 0
    /// Organisations whose filled-in details were changed since (or whose country, cleared,
    /// would clash with a namesake): left as they are now.
    public var detailsKept = 0
    /// The first few of those: the name, and the details kept.
    public var detailsKeptNames: [String] = []
    /// Whether nothing was written (`--dry-run`).
    public var dryRun = false
    /// The batch's statement.
    public var slug = ""

    /// One line for the person who ran the command.
    /// A dry run says "would" once, at the start: "would undo batch 2: remove …, put back …".
    public var line: String {
        func verb(_ past: String, _ present: String) -> String { dryRun ? present : past }
        var text = "\(dryRun ? "would undo" : "undid") batch \(batchId): \(verb("removed", "remove")) \(signatures) signature\(signatures == 1 ? "" : "s"), "
            + "\(organisations) organisation\(organisations == 1 ? "" : "s") and \(contacts) contact\(contacts == 1 ? "" : "s")"
        if organisationsKept > 0 {
            text += "; \(verb("kept", "keep")) \(organisationsKept) organisation\(organisationsKept == 1 ? "" : "s") that signed elsewhere since"
        }
        if organisationsAliased > 0 {
            text += "; \(verb("kept", "keep")) \(organisationsAliased) organisation\(organisationsAliased == 1 ? "" : "s") it had created, "
                + "as \(organisationsAliased == 1 ? "it was" : "they were") given an alias since: " + organisationsAliasedNames.map { "'\($0)'" }.joined(separator: ", ")
                + (organisationsAliased > organisationsAliasedNames.count ? ", …" : "")
        }
        if restored > 0 {
            text += "; put back \(restored) signature\(restored == 1 ? "" : "s") it had updated as \(restored == 1 ? "it was" : "they were") before"
        }
        if keptVerified > 0 {
            text += "; \(verb("kept", "keep")) \(keptVerified) signature\(keptVerified == 1 ? "" : "s") verified that the batch had verified, "
                + "as an edition has listed \(keptVerified == 1 ? "it" : "them") since or the statement is closed (a published signatory is withdrawn, not made pending)"
        }
        if keptUnnamed > 0 {
            text += "; \(verb("kept", "keep")) \(keptUnnamed) signature\(keptUnnamed == 1 ? "" : "s") unnamed that the batch had made unnamed, "
                + "as an undo never names a group that asked not to be (if one agreed: "
                + keptUnnamedNames.map { "jointly sign \(slug) --org \(Shell.quoted($0)) --update --no-unnamed" }.joined(separator: "; ")
                + (keptUnnamed > keptUnnamedNames.count ? "; …" : "") + ")"
        }
        if changedSince > 0 {
            text += "; \(verb("left", "leave")) \(changedSince) signature\(changedSince == 1 ? "" : "s") it had updated as \(changedSince == 1 ? "it is" : "they are"): "
                + "\(changedSince == 1 ? "it was" : "they were") changed again since"
        }
        if detailsCleared > 0 {
            text += "; \(verb("cleared", "clear")) the details it had filled in for \(detailsCleared) organisation\(detailsCleared == 1 ? "" : "s")"
        }
        if detailsKept > 0 {
            text += "; \(verb("kept", "keep")) details it had filled in for \(detailsKept) organisation\(detailsKept == 1 ? "" : "s"), changed since: "
                + detailsKeptNames.joined(separator: ", ") + (detailsKept > detailsKeptNames.count ? ", …" : "")
        }
        if dryRun { text += "; nothing was changed (dry run)" }
        if changedBefore > 0 {
            text += "; \(changedBefore) signature\(changedBefore == 1 ? "" : "s") that existed before the batch and that it "
                + "updated or signed again \(changedBefore == 1 ? "stays" : "stay") as \(changedBefore == 1 ? "it is" : "they are") "
                + "(undo cannot restore \(changedBefore == 1 ? "its" : "their") earlier values)"
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
    /// other signature; and puts back what it changed of rows it did not add, where nothing
    /// changed them since: the signatures it updated, the blank details it filled in. One
    /// audit event. `dryRun`: works it all out and writes nothing.
    ///
    /// Refused when an edition published any of the batch's signatures (even one withdrawn
    /// since), and once the batch may be in one: when its statement was published after
    /// the batch was imported and any of the batch's signatures is verified. Withdraw such
    /// signatures instead, so the next edition records that they left.
    /// Work done on the batch's signatures since the import (a withdrawal, a rejection, a
    /// verification by phone) would go with them: the undo is refused unless `force`, as a
    /// withdrawal erased would let an old sheet sign the group again.
    public func undoBatch(id: Int64, force: Bool = false, dryRun: Bool = false, actor: String) throws -> BatchUndoSummary {
        let now = clock.now()
        return try write(commit: !dryRun) { db in
            guard var batch = try ImportBatch.fetchOne(db, key: id) else {
                throw JointlyError.invalidValue(field: "batch", value: String(id), reason: "no such import batch; see 'jointly batch list'")
            }
            if let undone = batch.undoneAt {
                throw JointlyError.invalidValue(field: "batch", value: String(id), reason: "was already undone at \(undone)")
            }
            let statement = try Row.fetchOne(db, sql: "SELECT slug, status FROM statement WHERE id = ?", arguments: [batch.statementId])
            let slug: String = statement?["slug"] ?? ""
            let closed = (statement?["status"] as String?) == StatementStatus.closed.rawValue
            // A closed list stays as it was closed, as `sign` keeps it.
            if closed && !force {
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "'\(slug)' is closed, so its list stays as it was closed and nothing was changed; add --force to undo the batch anyway")
            }
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
                let counts = [(since[0] as Int, "withdrawn"), (since[1] as Int, "rejected"), (since[2] as Int, "verified by hand")]
                    .filter { $0.0 > 0 }
                if let first = counts.first {
                    // "1 of its signatures was withdrawn, 2 rejected and 1 verified by hand"
                    let rest = counts.dropFirst().map { "\($0.0) \($0.1)" }
                    let tail = switch rest.count {
                    case 0: ""
                    case 1: " and \(rest[0])"
                    default: ", " + rest.dropLast().joined(separator: ", ") + " and " + rest[rest.count - 1]
                    }
                    throw JointlyError.invalidValue(
                        field: "batch", value: String(id),
                        reason: "since the import, \(first.0) of its signatures \(first.0 == 1 ? "was" : "were") \(first.1)\(tail); undoing would erase that record too "
                            + "(a group that withdrew could be signed again by an old sheet), so nothing was changed: withdraw the others instead, or add --force")
                }
            }
            // A group that asked not to be named (in the sheet or since, by `sign --update
            // --unnamed`) would lose that request with its signature, and the corrected sheet
            // usually imported next could then publish its name.
            if !force, let unnamed = try Int.fetchOne(db, sql: "SELECT count(*) FROM signature WHERE batchId = ? AND unnamed = 1",
                                                     arguments: [id]), unnamed > 0 {
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "\(unnamed) of its signatures \(unnamed == 1 ? "is" : "are") unnamed, at the group's request; undoing would erase "
                        + "that request, and a sheet imported again could then publish the name, so nothing was changed: "
                        + "add --force once the sheet you will import marks \(unnamed == 1 ? "it" : "them") unnamed too")
            }
            // A merge that kept one of the batch's signatures for an organisation that had also
            // signed otherwise (by hand, or in another import) made it stand for both: undoing
            // would leave the organisation unsigned, and take the other's contacts with it.
            if !force, let merged = try Row.fetchOne(db, sql: """
                SELECT count(*), min(g.organisationId) FROM event e JOIN json_each(e.oldValue, '$.dropped') d
                JOIN signature g ON g.id = CAST(json_extract(d.value, '$.keptSignature') AS INTEGER)
                WHERE e.action = ? AND g.batchId = ? AND ifnull(json_extract(d.value, '$.droppedBatch'), '') <> ?
                """, arguments: [AuditAction.organisationMerge.rawValue, id, String(id)]), (merged[0] as Int) > 0 {
                let count: Int = merged[0]
                let name = try String.fetchOne(db, sql: "SELECT name FROM organisation WHERE id = ?", arguments: [merged[1] as Int64?]) ?? "?"
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "since 'jointly org merge', \(count) of its signatures also stand\(count == 1 ? "s" : "") for a signature the merge dropped "
                        + "(\(count == 1 ? "" : "one is ")that of '\(name)'); undoing would leave \(count == 1 ? "that organisation" : "them") unsigned, "
                        + "so nothing was changed: withdraw what should not stand instead, or add --force")
            }
            // A later import that changed the batch's signatures would lose its changes with them.
            if !force, let later = try Row.fetchOne(db, sql: """
                SELECT c.batchId, b.fileName, count(*) FROM batchSignatureChange c
                JOIN importBatch b ON b.id = c.batchId JOIN signature g ON g.id = c.signatureId
                WHERE g.batchId = ? AND c.batchId <> ? AND b.undoneAt IS NULL
                GROUP BY c.batchId ORDER BY c.batchId DESC LIMIT 1
                """, arguments: [id, id]) {
                let other: Int64 = later[0], file: String = later[1], count: Int = later[2]
                throw JointlyError.invalidValue(
                    field: "batch", value: String(id),
                    reason: "batch \(other) (\(file)) changed \(count) of its signatures since; undo batch \(other) first (jointly batch undo \(other)), "
                        + "or add --force to remove them as they are now; nothing was changed")
            }
            let contacts = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM contact WHERE batchId = ? OR signatureId IN (SELECT id FROM signature WHERE batchId = ?)
                """, arguments: [id, id]) ?? 0
            try db.execute(sql: "DELETE FROM contact WHERE batchId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM signature WHERE batchId = ?", arguments: [id])
            let signatures = db.changesCount
            let created = try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation WHERE batchId = ?", arguments: [id]) ?? 0
            // An alias is only ever added by hand (`org alias`, or a merge into this one): the
            // organisation it names stays with it, so a later sheet's spelling still finds it.
            let aliased = try String.fetchAll(db, sql: """
                SELECT o.name FROM organisation o WHERE o.batchId = ?
                  AND NOT EXISTS (SELECT 1 FROM signature g WHERE g.organisationId = o.id)
                  AND EXISTS (SELECT 1 FROM organisationAlias a WHERE a.organisationId = o.id)
                ORDER BY o.sortName
                """, arguments: [id])
            try db.execute(sql: """
                DELETE FROM organisation WHERE batchId = ?
                  AND NOT EXISTS (SELECT 1 FROM signature g WHERE g.organisationId = organisation.id)
                  AND NOT EXISTS (SELECT 1 FROM organisationAlias a WHERE a.organisationId = organisation.id)
                """, arguments: [id])
            let organisations = db.changesCount
            batch.undoneAt = Timestamps.instant(now)
            try batch.update(db)
            var summary = BatchUndoSummary(
                batchId: id, signatures: signatures, organisations: organisations, contacts: contacts,
                organisationsKept: created - organisations - aliased.count)
            summary.organisationsAliased = aliased.count
            summary.organisationsAliasedNames = Array(aliased.prefix(5))
            summary.slug = slug
            summary.dryRun = dryRun
            try BatchRestore(db: db, batchId: id, instant: Timestamps.instant(now), statementClosed: closed).run(into: &summary)
            // A batch from before v10 recorded nothing to put back: its own event says how many
            // existing signatures it changed (imports before Jointly stopped re-signing withdrawn
            // groups also recorded how many they signed again).
            if !batch.keepsEarlierValues, let changed = try Int.fetchOne(db, sql: """
                SELECT ifnull(json_extract(newValue, '$.updated'), 0) + ifnull(json_extract(newValue, '$.reactivated'), 0)
                FROM event WHERE action = ? AND json_extract(newValue, '$.batch') = ?
                """, arguments: [AuditAction.importBatch.rawValue, String(id)]) {
                summary.changedBefore = changed
            }
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .batchUndo, statementId: batch.statementId,
                subject: batch.fileName,
                old: ["batch": String(id), "signatures": String(signatures), "organisations": String(organisations), "organisationsAliased": String(aliased.count),
                      "contacts": String(contacts), "restored": String(summary.restored), "changedSince": String(summary.changedSince),
                      "detailsCleared": String(summary.detailsCleared), "detailsKept": String(summary.detailsKept)])
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

/// Puts back what a batch changed of rows it did not add: each signature it updated, if it
/// is still as the batch left it, and each blank detail it filled in, if it still holds the
/// batch's value. Inside the undo's transaction.
private struct BatchRestore {
    let db: Database
    let batchId: Int64
    let instant: String
    let statementClosed: Bool

    func run(into summary: inout BatchUndoSummary) throws {
        try restoreSignatures(into: &summary)
        try clearFilledDetails(into: &summary)
    }

    private func restoreSignatures(into summary: inout BatchUndoSummary) throws {
        let changes = try BatchSignatureChange.filter(BatchSignatureChange.Columns.batchId == batchId).fetchAll(db)
        let endorse = try db.makeStatement(sql: "INSERT INTO endorsement (signatureId, demandId) SELECT ?, id FROM demand WHERE id = ?")
        for change in changes {
            guard let signature = try Signature.fetchOne(db, key: change.signatureId) else { continue }
            let before = try SignatureState(json: change.before)
            let after = try SignatureState(json: change.after)
            guard try SignatureState(db, signature: signature) == after else {
                summary.changedSince += 1
                try passOn(change, before: before, after: after)
                continue
            }
            var restored = before.applied(to: signature)
            // Never put back: being named, once the batch said unnamed; being pending, once an
            // edition listed the signature the batch verified (the next would say it left).
            if signature.unnamed && !before.unnamed {
                restored.unnamed = true
                summary.keptUnnamed += 1
                if summary.keptUnnamedNames.count < 5,
                   let name = try String.fetchOne(db, sql: "SELECT name FROM organisation WHERE id = ?", arguments: [signature.organisationId]) {
                    summary.keptUnnamedNames.append(name)
                }
            }
            var keptVerified = false
            if signature.status == .verified && before.status != .verified {
                let published = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM publishedSignature WHERE signatureId = ?)",
                                                  arguments: [change.signatureId]) ?? false
                if published || statementClosed {
                    restored.status = signature.status
                    restored.verifiedAt = signature.verifiedAt
                    keptVerified = true
                }
            }
            if keptVerified { summary.keptVerified += 1 }
            guard restored != signature || before.demands != after.demands else { continue }
            restored.updatedAt = instant
            try restored.update(db)
            if before.demands != after.demands {
                try Endorsement.filter(Endorsement.Columns.signatureId == change.signatureId).deleteAll(db)
                for demand in before.demands { try endorse.execute(arguments: [change.signatureId, demand]) }
            }
            summary.restored += 1
        }
        try BatchSignatureChange.filter(BatchSignatureChange.Columns.batchId == batchId).deleteAll(db)
    }

    /// A signature the batch changed that a later batch changed again from where this one
    /// left it: the later batch's earlier values become this batch's, so undoing it in turn
    /// goes back to before both, not to what this undone batch had written.
    private func passOn(_ change: BatchSignatureChange, before: SignatureState, after: SignatureState) throws {
        let later = try BatchSignatureChange
            .filter(BatchSignatureChange.Columns.signatureId == change.signatureId && BatchSignatureChange.Columns.batchId > batchId)
            .order(BatchSignatureChange.Columns.batchId).fetchAll(db)
        guard let next = later.first(where: { (try? SignatureState(json: $0.before)) == after }) else { return }
        try db.execute(sql: "UPDATE batchSignatureChange SET before = ? WHERE batchId = ? AND signatureId = ?",
                       arguments: [try before.json(), next.batchId, next.signatureId])
    }

    private func clearFilledDetails(into summary: inout BatchUndoSummary) throws {
        let fills = try BatchOrganisationFill.filter(BatchOrganisationFill.Columns.batchId == batchId).fetchAll(db)
        for fill in fills {
            guard let organisation = try Organisation.fetchOne(db, key: fill.organisationId) else { continue }
            var cleared = organisation
            var kept: [String] = []
            for (field, value) in try fill.fields() {
                switch field {
                case .country:
                    // Without its country the organisation would be its namesake without one.
                    let namesake = try Organisation
                        .filter(Organisation.Columns.normalizedName == organisation.normalizedName && Organisation.Columns.country == nil)
                        .fetchCount(db) > 0
                    if organisation.country != value {
                        kept.append("country")
                    } else if namesake {
                        kept.append("country, as without it it would be its namesake with none")
                    } else {
                        cleared.country = nil
                    }
                case .website: if organisation.website == value { cleared.website = nil } else { kept.append("website") }
                case .kind: if organisation.kind?.rawValue == value { cleared.kind = nil } else { kept.append("kind") }
                case .shortName: if organisation.shortName == value { cleared.shortName = nil } else { kept.append("short name") }
                }
            }
            if cleared != organisation {
                try cleared.update(db)
                summary.detailsCleared += 1
            }
            if !kept.isEmpty {
                summary.detailsKept += 1
                if summary.detailsKeptNames.count < 5 {
                    summary.detailsKeptNames.append("'\(organisation.name)' (\(kept.sorted().joined(separator: ", ")))")
                }
            }
        }
        try BatchOrganisationFill.filter(BatchOrganisationFill.Columns.batchId == batchId).deleteAll(db)
    }
}
