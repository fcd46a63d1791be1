import GRDB

extension AppDatabase {
    // Verifying, rejecting and withdrawing find one signature, change it, and log the
    // change the same way: `moderate` does that once.

    /// Verifies a pending signature, recording how and by whom. A rejected one only with
    /// `reinstate`: a coordinator's rejection is not undone by a colleague's routine verify.
    public func verify(
        slug: String, organisation name: String, country: String? = nil, method: VerificationMethod,
        by verifier: String, evidence: String?, reinstate: Bool = false, actor: String
    ) throws -> SignatureChange {
        let instant = Timestamps.instant(clock.now())
        let verifier = Names.tidy(verifier)
        if let problem = Names.problem(with: verifier) {
            throw JointlyError.invalidValue(field: "by", value: verifier, reason: problem)
        }
        return try moderate(slug: slug, name: name, country: country, action: .signatureVerify, actor: actor) { signature in
            guard signature.status == .pending || signature.status == .rejected else {
                throw JointlyError.invalidValue(
                    field: "org", value: name,
                    reason: signature.status == .verified
                        ? "its signature is already verified; nothing was changed"
                        : "its signature was withdrawn on \(signature.withdrawnAt ?? "an earlier day"); it must sign again")
            }
            // --reinstate names a rejected signature: on a pending one it points at the wrong
            // organisation (another of the name, another statement) more often than not.
            if signature.status == .pending && reinstate {
                throw JointlyError.invalidValue(
                    field: "org", value: name,
                    reason: "its signature is pending, not rejected, so nothing was changed; check it is the one you meant, then verify it without --reinstate")
            }
            if signature.status == .rejected && !reinstate {
                throw JointlyError.invalidValue(
                    field: "org", value: name,
                    reason: "its signature was rejected (\(signature.rejectionReason ?? "no reason recorded")), so nothing was changed; "
                        + "add --reinstate to verify it after all")
            }
            signature.status = .verified
            signature.verificationMethod = method
            signature.verifiedBy = verifier
            signature.verificationEvidence = evidence.map(Names.tidy).flatMap { $0.isEmpty ? nil : $0 }
            signature.verifiedAt = instant
            signature.rejectionReason = nil
        }
    }

    /// Rejects a pending or verified signature with a reason; the record is kept.
    public func reject(slug: String, organisation name: String, country: String? = nil, reason: String, actor: String) throws -> SignatureChange {
        let reason = Names.tidy(reason)
        guard !reason.isEmpty else {
            throw JointlyError.invalidValue(field: "reason", value: reason, reason: "say why the signature is rejected")
        }
        return try moderate(slug: slug, name: name, country: country, action: .signatureReject, actor: actor) { signature in
            guard signature.status == .pending || signature.status == .verified else {
                throw JointlyError.invalidValue(
                    field: "org", value: name, reason: "its signature is already \(signature.status.rawValue); nothing was changed")
            }
            signature.status = .rejected
            signature.rejectionReason = reason
        }
    }

    /// Marks the organisation's signature withdrawn, with the day and reason; it is kept.
    public func withdraw(slug: String, organisation name: String, country: String? = nil, reason: String?, actor: String) throws -> SignatureChange {
        let day = Timestamps.day(clock.now())
        return try moderate(slug: slug, name: name, country: country, action: .signatureWithdraw, actor: actor) { signature in
            if signature.status == .withdrawn {
                throw JointlyError.invalidValue(
                    field: "org", value: name,
                    reason: "already withdrew from '\(slug)' on \(signature.withdrawnAt ?? "an earlier day"); nothing was changed")
            }
            // Withdrawn, it could sign again and be published; rejected, it stays off the list.
            if signature.status == .rejected {
                throw JointlyError.invalidValue(
                    field: "org", value: name,
                    reason: "its signature of '\(slug)' was rejected, so it is not on the list; there is nothing to withdraw")
            }
            signature.status = .withdrawn
            signature.withdrawnAt = day
            signature.withdrawalReason = reason.map(Names.tidy).flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    private func moderate(
        slug: String, name: String, country: String?, action: AuditAction, actor: String,
        _ change: (inout Signature) throws -> Void
    ) throws -> SignatureChange {
        let instant = Timestamps.instant(clock.now())
        return try write { db in
            let statement = try Statement.require(db, slug: slug)
            let organisation = try OrganisationMatching.require(db, name: name, country: country)
            guard var signature = try Signature
                .filter(Signature.Columns.statementId == statement.id && Signature.Columns.organisationId == organisation.id)
                .fetchOne(db)
            else { throw JointlyError.notSigned(organisation: organisation.name, slug: slug) }
            let before = signature
            try change(&signature)
            signature.updatedAt = instant
            try signature.update(db)
            try AuditLog.append(
                db, time: instant, actor: actor, action: action, statementId: statement.id,
                subject: organisation.name, old: ModerationSummary(before), new: ModerationSummary(signature))
            return SignatureChange(organisation: organisation.name, signature: signature)
        }
    }
}

/// A signature after a change, with its organisation's name as stored.
public struct SignatureChange: Equatable, Sendable {
    /// The organisation's name as stored, whatever spelling found it.
    public var organisation: String
    /// The signature as it now is.
    public var signature: Signature
}

/// A signature's moderation fields, as the audit log records them.
private struct ModerationSummary: Encodable {
    var status: String
    var method: String?
    var verifiedBy: String?
    /// Whether evidence is recorded; the evidence itself may name people, so it stays
    /// on the signature, where `contact erase` can remove it.
    var evidence: Bool
    var rejectionReason: String?
    var withdrawalReason: String?

    init(_ signature: Signature) {
        status = signature.status.rawValue
        method = signature.verificationMethod?.rawValue
        verifiedBy = signature.verifiedBy
        evidence = signature.verificationEvidence != nil
        rejectionReason = signature.rejectionReason
        withdrawalReason = signature.withdrawalReason
    }
}
