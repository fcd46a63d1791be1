import Foundation
import GRDB

/// What a privacy command removed.
public struct ErasureSummary: Equatable, Sendable {
    /// Contact rows deleted.
    public var contacts: Int
    /// Signatures whose signer's name, title or verification evidence were cleared.
    public var signatures: Int
}

extension AppDatabase {
    /// The signer taken out of a batch's recorded change (``SignatureState`` leaves out a
    /// value it does not have), as a privacy command takes it off the signature.
    static let signerErasedBefore = "before = json_remove(before, '$.person', '$.personTitle')"
    static let signerErasedAfter = "after = json_remove(after, '$.person', '$.personTitle')"

    /// Removes an organisation's personal data: its contact details, and the name, title
    /// and verification evidence on its signatures. That it signed is kept.
    public func eraseContacts(organisation name: String, country: String? = nil, actor: String) throws -> ErasureSummary {
        let instant = Timestamps.instant(clock.now())
        return try write { db in
            let organisation = try OrganisationMatching.require(db, name: name, country: country)
            let contacts = try Contact.filter(Contact.Columns.organisationId == organisation.id).deleteAll(db)
            // What imports changed of its signatures holds the signers too: erased there as
            // here, so `batch undo` still puts the rest back.
            try db.execute(sql: """
                UPDATE batchSignatureChange SET \(Self.signerErasedBefore), \(Self.signerErasedAfter)
                WHERE signatureId IN (SELECT id FROM signature WHERE organisationId = ?)
                """, arguments: [organisation.id])
            try db.execute(sql: """
                UPDATE signature SET person = NULL, personTitle = NULL, verificationEvidence = NULL, updatedAt = ?
                WHERE organisationId = ? AND (person IS NOT NULL OR personTitle IS NOT NULL OR verificationEvidence IS NOT NULL)
                """, arguments: [instant, organisation.id])
            let signatures = db.changesCount
            try AuditLog.append(
                db, time: instant, actor: actor, action: .contactErase, statementId: nil, subject: organisation.name,
                new: ["contacts": String(contacts), "signatures": String(signatures)])
            return ErasureSummary(contacts: contacts, signatures: signatures)
        }
    }

    /// Removes the personal data of signatures signed more than `days` days ago, as UK
    /// petitions do after six months: their contact details, and the signer's name, title
    /// and verification evidence, as `eraseContacts` does for one organisation. The
    /// signatures themselves are kept.
    public func purgeContacts(olderThan days: Int, actor: String) throws -> ErasureSummary {
        guard days >= 0 else {
            throw JointlyError.invalidValue(field: "older-than", value: String(days), reason: "give a number of days, 0 or more")
        }
        let now = clock.now()
        let cutoff = Timestamps.day(now.addingTimeInterval(-Double(days) * 86_400))
        return try write { db in
            try db.execute(sql: """
                DELETE FROM contact WHERE signatureId IN (SELECT id FROM signature WHERE signedAt < ?)
                """, arguments: [cutoff])
            let contacts = db.changesCount
            // Each side of a batch's change is a signature as it was on some day: its signer goes
            // when that side, or the signature as it is now, was signed before the cutoff.
            for (side, erased) in [("before", Self.signerErasedBefore), ("after", Self.signerErasedAfter)] {
                try db.execute(sql: """
                    UPDATE batchSignatureChange SET \(erased)
                    WHERE json_extract(\(side), '$.signedAt') < ? OR signatureId IN (SELECT id FROM signature WHERE signedAt < ?)
                    """, arguments: [cutoff, cutoff])
            }
            try db.execute(sql: """
                UPDATE signature SET person = NULL, personTitle = NULL, verificationEvidence = NULL, updatedAt = ?
                WHERE signedAt < ? AND (person IS NOT NULL OR personTitle IS NOT NULL OR verificationEvidence IS NOT NULL)
                """, arguments: [Timestamps.instant(now), cutoff])
            let signatures = db.changesCount
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .contactPurge, statementId: nil,
                subject: "signed before \(cutoff)",
                new: ["contacts": String(contacts), "signatures": String(signatures), "olderThanDays": String(days)])
            return ErasureSummary(contacts: contacts, signatures: signatures)
        }
    }
}
