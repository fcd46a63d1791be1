import Foundation
import GRDB

/// What `sign` did.
public enum SignOutcome: Equatable, Sendable {
    /// A new signature, with whether the organisation was new too.
    case signed(organisation: String, status: SignatureStatus, newOrganisation: Bool, demands: [String])
    /// A withdrawn signature signed again.
    case reactivated(organisation: String, status: SignatureStatus)
    /// An existing signature's fields or endorsements changed.
    case updated(organisation: String, changes: [String])
}

/// Options that change how `sign` treats an existing signature or a closed list.
public struct SignOptions: Equatable, Sendable {
    /// Queue the signature for verification instead of verifying it.
    public var pending: Bool
    /// Change an existing signature rather than refuse.
    public var update: Bool
    /// Sign past the statement's deadline.
    public var force: Bool
    /// Sign again for an organisation that withdrew. An import never does: a row in an old
    /// form export must not quietly undo a withdrawal (a group at risk that asked to come off).
    public var reactivates: Bool
    /// With `update`, verify a pending signature: `import --verified --on-duplicate update`
    /// of a sheet whose groups are now confirmed. (`sign --update` only edits.)
    public var verifiesPending: Bool

    /// Makes the options; all off by default but `reactivates`.
    public init(
        pending: Bool = false, update: Bool = false, force: Bool = false, reactivates: Bool = true, verifiesPending: Bool = false
    ) {
        self.pending = pending
        self.update = update
        self.force = force
        self.reactivates = reactivates
        self.verifiesPending = verifiesPending
    }
}

extension AppDatabase {
    /// Records `input`'s organisation signing the statement `slug`, in one transaction.
    public func sign(slug: String, _ input: SignatoryInput, options: SignOptions = SignOptions(), actor: String) throws -> SignOutcome {
        let signatory: ValidSignatory
        switch input.validated() {
        case .success(let valid): signatory = valid
        case .failure(let problems): throw JointlyError.problems(problems.errors)
        }
        let now = clock.now()
        if let day = signatory.signedAt, let problem = Timestamps.futureProblem(day, at: now, happened: SignatoryInput.signedAtRule) {
            throw JointlyError.invalidValue(field: "signed-at", value: day, reason: problem)
        }
        do {
            return try write { db in
                var context = try SigningContext(db: db, slug: slug, now: now, actor: actor)
                return try context.sign(signatory, options: options, source: .cli, batchId: nil)
            }
        } catch JointlyError.alreadySigned(let organisation, let slug, let status) where options.update {
            if options.pending && status == SignatureStatus.verified.rawValue {
                // --pending asked for what an update never does.
                throw JointlyError.invalidValue(
                    field: "org", value: organisation,
                    reason: "its signature of '\(slug)' is verified, and an update does not make it pending again; nothing was changed (to take it off the list: jointly withdraw or jointly reject)")
            }
            // "Already signed; use --update" would tell someone who gave --update to give it.
            throw JointlyError.invalidValue(
                field: "org", value: organisation, reason: "its signature of '\(slug)' (\(status)) already says all that; nothing was changed")
        }
    }
}

extension Statement {
    /// The statement with `slug`, or an error saying there is none.
    static func require(_ db: Database, slug: String) throws -> Statement {
        guard let statement = try Statement.filter(Columns.slug == slug).fetchOne(db) else {
            throw JointlyError.unknownStatement(slug: slug)
        }
        return statement
    }
}

/// Signing inside one transaction: shared by `sign` and `import`, so both keep the same rules.
struct SigningContext {
    let db: Database
    let statement: Statement
    let statementId: Int64
    let versionId: Int64
    let now: Date
    let actor: String
    /// The current version's demands.
    let demands: StatementDemands
    /// False inside an import, which records one event for the whole batch.
    var recordsEvents = true

    /// `demandTexts`: also read the demands' words, by which an import's cell may name them
    /// (`sign` takes keys only, so it does not read them).
    init(db: Database, slug: String, now: Date, actor: String, demandTexts: Bool = false) throws {
        self.db = db
        self.now = now
        self.actor = actor
        statement = try Statement.require(db, slug: slug)
        statementId = try statement.requireId()
        let version = try StatementVersion.requireCurrent(db, statementId: statementId, slug: slug)
        versionId = try version.requireId()
        let demands = try Demand.of(version: versionId, db)
        // The demands' words in the current version and in its translations, for a form
        // whose checkboxes were the demands themselves.
        let texts = !demandTexts ? [] : try Row.fetchAll(db, sql: """
            SELECT demand.key, demandText.text FROM demandText
            JOIN demand ON demand.id = demandText.demandId
            JOIN statementVersion ON statementVersion.id = demandText.versionId
            WHERE statementVersion.id = ? OR (statementVersion.statementId = ? AND statementVersion.translatesVersion = ?)
            """, arguments: [versionId, statementId, version.number]).map { (key: $0[0] as String, text: $0[1] as String) }
        self.demands = StatementDemands(
            slug: slug, order: demands.map(\.key),
            ids: Dictionary(uniqueKeysWithValues: try demands.map { ($0.key, try $0.requireId()) }), texts: texts)
        isPastDeadline = statement.deadline.map { Timestamps.day(now) > $0 } ?? false
        earliestSignedAt = Timestamps.earliestSignedAt(statementDate: statement.date)
    }

    /// A year before the statement's date: see ``Timestamps/earlyProblem(_:earliest:statementDate:)``.
    let earliestSignedAt: String

    /// Whether today is past the statement's deadline; worked out once, as an import asks
    /// it for every new signature.
    let isPastDeadline: Bool

    /// Checks the statement takes signatures today.
    func checkOpen(force: Bool) throws {
        if statement.status == .closed { throw JointlyError.statementClosed(slug: statement.slug) }
        if let deadline = statement.deadline, isPastDeadline, !force {
            throw JointlyError.invalidValue(
                field: "deadline", value: deadline,
                reason: "signing '\(statement.slug)' closed after \(deadline); add --force to record this signature anyway")
        }
    }

    /// Signs for `signatory`; `organisationId`, when the caller has already matched the
    /// name (an import does), is the organisation it means.
    mutating func sign(
        _ signatory: ValidSignatory, options: SignOptions, source: SignatureSource, batchId: Int64?, organisationId: Int64? = nil
    ) throws -> SignOutcome {
        // Only a new signature, or one signed again, is signing, so only those are checked
        // against the deadline and a closed list: changing one is not, and a closed statement
        // still takes a request to be unnamed (`update` checks that).
        let demands = try self.demands.resolve(signatory.demands)
        if let day = signatory.signedAt, !options.force,
           let problem = Timestamps.earlyProblem(day, earliest: earliestSignedAt, statementDate: statement.date) {
            throw JointlyError.invalidValue(field: "signed-at", value: day, reason: problem)
        }
        let instant = Timestamps.instant(now)
        let (organisation, isNew) = try findOrCreateOrganisation(
            signatory, matched: organisationId, force: options.force, batchId: batchId)
        let organisationId = try organisation.requireId()
        let status: SignatureStatus = options.pending ? .pending : .verified

        // Cached statements here and below: an import asks these of every row for a known
        // organisation, and a weekly sheet downloaded again is all such rows.
        if var existing = try Signature.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM signature WHERE statementId = ? AND organisationId = ?"),
            arguments: [statementId, organisationId]) {
            if existing.status == .withdrawn {
                guard options.reactivates else {
                    throw JointlyError.alreadySigned(organisation: organisation.name, slug: statement.slug, status: existing.status.rawValue)
                }
                // Signing again is signing.
                try checkOpen(force: options.force)
                let old = existing
                existing.status = status
                existing.withdrawnAt = nil
                existing.withdrawalReason = nil
                // A new signature in all but its row: the old verification says nothing of it.
                existing.verifiedAt = status == .verified ? instant : nil
                existing.verificationMethod = nil
                existing.verifiedBy = nil
                existing.verificationEvidence = nil
                existing.rejectionReason = nil
                existing.versionId = versionId
                let before = existing
                apply(signatory, to: &existing)
                if existing.onBehalf != before.onBehalf || existing.person != before.person { try Self.checkCapacity(existing) }
                existing.signedAt = signatory.signedAt ?? Timestamps.day(now)
                existing.updatedAt = instant
                try existing.update(db)
                try replaceEndorsements(of: try existing.requireId(), with: demands)
                try storeContact(signatory, organisationId: organisationId, signatureId: existing.id, batchId: batchId)
                if recordsEvents { try AuditLog.append(
                    db, time: instant, actor: actor, action: .signatureReactivate, statementId: statementId,
                    subject: organisation.name, old: ["status": old.status.rawValue, "withdrawnAt": old.withdrawnAt ?? ""],
                    new: SignatureSummary(signature: existing, demands: demandKeys(demands))) }
                return .reactivated(organisation: organisation.name, status: status)
            }
            guard options.update else {
                throw JointlyError.alreadySigned(organisation: organisation.name, slug: statement.slug, status: existing.status.rawValue)
            }
            return try update(
                existing, organisation: organisation, with: signatory, demands: signatory.demands == nil ? nil : demands,
                verify: options.verifiesPending && !options.pending, batchId: batchId)
        }
        if options.update {
            throw JointlyError.notSigned(organisation: organisation.name, slug: statement.slug)
        }
        try checkOpen(force: options.force)
        var signature = newSignature(
            signatory, organisationId: organisationId, status: status, source: source, batchId: batchId,
            instant: instant, today: Timestamps.day(now))
        try Self.checkCapacity(signature)
        try signature.insert(db)
        let signatureId = try signature.requireId()
        try replaceEndorsements(of: signatureId, with: demands)
        try storeContact(signatory, organisationId: organisationId, signatureId: signatureId, batchId: batchId)
        if recordsEvents {
            var summary = SignatureSummary(signature: signature, demands: demandKeys(demands))
            if isPastDeadline { summary.pastDeadline = statement.deadline }
            try AuditLog.append(
                db, time: instant, actor: actor, action: .signatureAdd, statementId: statementId, subject: organisation.name,
                new: summary)
        }
        return .signed(organisation: organisation.name, status: status, newOrganisation: isNew, demands: demandKeys(demands))
    }

    private func update(
        _ existing: Signature, organisation: Organisation, with signatory: ValidSignatory, demands: [Int64]?, verify: Bool,
        batchId: Int64?
    ) throws -> SignOutcome {
        var signature = existing
        apply(signatory, to: &signature)
        // Only a change of capacity or person is checked: one recorded before the rule must
        // still take any other update, a request to be unnamed above all.
        if signature.onBehalf != existing.onBehalf || signature.person != existing.person { try Self.checkCapacity(signature) }
        if verify && existing.status == .pending {
            signature.status = .verified
            signature.verifiedAt = Timestamps.instant(now)
        }
        if let day = signatory.signedAt { signature.signedAt = day }
        let signatureId = try signature.requireId()
        let oldDemands = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT demandId FROM endorsement WHERE signatureId = ?"), arguments: [signatureId])
        var changes: [String] = []
        if signature.person != existing.person { changes.append("person") }
        if signature.personTitle != existing.personTitle { changes.append("title") }
        if signature.unnamed != existing.unnamed { changes.append(signature.unnamed ? "unnamed" : "named again") }
        if signature.onBehalf != existing.onBehalf { changes.append(signature.onBehalf ? "on behalf" : "affiliation only") }
        if signature.signedAt != existing.signedAt { changes.append("signed-at") }
        if signature.status != existing.status { changes.append("verified") }
        if let demands, Set(demands) != Set(oldDemands) {
            changes.append("demands")
            try replaceEndorsements(of: signatureId, with: demands)
            // Confirming the current demands binds the signature to the current text.
            signature.versionId = versionId
        }
        if try storeContact(signatory, organisationId: organisation.requireId(), signatureId: signatureId, batchId: batchId) {
            changes.append("contact")
        }
        guard !changes.isEmpty else {
            throw JointlyError.alreadySigned(organisation: organisation.name, slug: statement.slug, status: existing.status.rawValue)
        }
        // A closed list stays as it was closed, but a group must always be able to stop
        // being named: that is the one change a closed statement takes.
        if statement.status == .closed && changes != ["unnamed"] {
            throw JointlyError.invalidValue(
                field: "statement", value: statement.slug,
                reason: "is closed, so its signatures are kept as they were; only a request to be unnamed (--update --unnamed, alone) changes one now")
        }
        signature.updatedAt = Timestamps.instant(now)
        try signature.update(db)
        // What an import changed of a signature it did not add, for `batch undo`.
        // (A row that only added a contact changed nothing undo puts back: its contact is the batch's.)
        let before = SignatureState(existing, demands: oldDemands), after = SignatureState(signature, demands: demands ?? oldDemands)
        if let batchId, existing.batchId != batchId, before != after {
            try BatchSignatureChange.record(db, batchId: batchId, signatureId: signatureId, before: before, after: after)
        }
        guard recordsEvents else { return .updated(organisation: organisation.name, changes: changes) }
        try AuditLog.append(
            db, time: Timestamps.instant(now), actor: actor, action: .signatureUpdate, statementId: statementId,
            subject: organisation.name,
            old: SignatureSummary(signature: existing, demands: try keys(of: oldDemands)),
            new: SignatureSummary(signature: signature, demands: try keys(of: demands ?? oldDemands)))
        return .updated(organisation: organisation.name, changes: changes)
    }

    /// An affiliation-only signature is a person's, signing in their own name: without the
    /// person the published list would say "a person signed" of nobody recorded.
    static func checkCapacity(_ signature: Signature) throws {
        guard !signature.onBehalf, signature.person == nil else { return }
        throw JointlyError.invalidValue(
            field: "on-behalf", value: "false",
            reason: "an affiliation-only signature is a person's: give who signed in their own name (--person, or a person column)")
    }

    private func apply(_ signatory: ValidSignatory, to signature: inout Signature) {
        if let person = signatory.person { signature.person = person }
        if let title = signatory.title { signature.personTitle = title }
        if let unnamed = signatory.unnamed { signature.unnamed = unnamed }
        if let onBehalf = signatory.onBehalf { signature.onBehalf = onBehalf }
    }

    /// The organisation the signatory names (`matched`, when already known), created if none
    /// matches; missing details are filled in. A name that is the short name of a known
    /// organisation is refused unless `force`: `--org CPJ` would otherwise publish the
    /// Committee to Protect Journalists twice. (An import lists such rows as suggestions.)
    /// `batchId`: the import signing, which records the details it fills in for `batch undo`.
    func findOrCreateOrganisation(
        _ signatory: ValidSignatory, matched: Int64? = nil, force: Bool = false, batchId: Int64? = nil
    ) throws -> (Organisation, Bool) {
        let found = if let matched {
            try Organisation.fetchOne(db.cachedStatement(sql: "SELECT * FROM organisation WHERE id = ?"), arguments: [matched])
        } else {
            try OrganisationMatching.find(db, name: signatory.name, country: signatory.country)
        }
        if var organisation = found {
            let before = organisation
            organisation.country = organisation.country ?? signatory.country
            organisation.website = organisation.website ?? signatory.website
            organisation.kind = organisation.kind ?? signatory.kind
            organisation.shortName = organisation.shortName ?? signatory.shortName
            if organisation != before {
                try organisation.update(db)
                if let batchId, organisation.batchId != batchId {
                    try BatchOrganisationFill.record(
                        db, batchId: batchId, organisationId: try organisation.requireId(),
                        fields: BatchOrganisationFill.filledFields(before: before, after: organisation))
                }
                if recordsEvents { try AuditLog.append(
                    db, time: Timestamps.instant(now), actor: actor, action: .organisationComplete, statementId: nil,
                    subject: organisation.name, old: OrganisationSummary(before), new: OrganisationSummary(organisation)) }
            }
            return (organisation, false)
        }
        if !force, let owner = try OrganisationMatching.owners(db, shortName: signatory.name, limit: 1).first {
            throw JointlyError.shortNameOfKnown(name: signatory.name, organisation: owner.name, country: owner.country)
        }
        var organisation = newOrganisation(
            signatory, normalizedName: Names.normalized(signatory.name), instant: Timestamps.instant(now))
        try organisation.insert(db)
        return (organisation, true)
    }

    /// A new organisation for `signatory`: the rule `sign` and `import` share.
    /// `instant` is `now` formatted once by the caller (an import makes many).
    func newOrganisation(_ signatory: ValidSignatory, normalizedName: String, instant: String) -> Organisation {
        Organisation(
            id: nil, name: signatory.name, sortName: signatory.name, shortName: signatory.shortName,
            country: signatory.country, website: signatory.website, kind: signatory.kind,
            normalizedName: normalizedName, createdAt: instant, batchId: nil)
    }

    /// A new signature for `signatory`: the rule `sign` and `import` share.
    /// `instant` and `today` are `now` formatted once by the caller.
    func newSignature(
        _ signatory: ValidSignatory, organisationId: Int64, status: SignatureStatus, source: SignatureSource, batchId: Int64?,
        instant: String, today: String
    ) -> Signature {
        var signature = Signature(
            id: nil, statementId: statementId, organisationId: organisationId, versionId: versionId, status: status,
            person: nil, personTitle: nil, onBehalf: true, unnamed: false,
            signedAt: signatory.signedAt ?? today, source: source, batchId: batchId,
            verificationMethod: nil, verifiedBy: nil, verificationEvidence: nil,
            verifiedAt: status == .verified ? instant : nil, rejectionReason: nil, withdrawnAt: nil,
            withdrawalReason: nil, createdAt: instant, updatedAt: instant)
        apply(signatory, to: &signature)
        return signature
    }

    private func replaceEndorsements(of signatureId: Int64, with demands: [Int64]) throws {
        try Endorsement.filter(Endorsement.Columns.signatureId == signatureId).deleteAll(db)
        for demandId in demands {
            try Endorsement(signatureId: signatureId, demandId: demandId).insert(db)
        }
    }

    /// Stores the signatory's e-mail for the organisation unless it has it already; whether it stored one.
    /// `batchId`: the import storing it, so that `batch undo` removes it.
    @discardableResult
    private func storeContact(_ signatory: ValidSignatory, organisationId: Int64, signatureId: Int64?, batchId: Int64?) throws -> Bool {
        guard let email = signatory.email else { return false }
        let known = try Contact
            .filter(Contact.Columns.organisationId == organisationId && Column("email") == email)
            .fetchCount(db)
        guard known == 0 else { return false }
        var contact = Contact(
            id: nil, organisationId: organisationId, signatureId: signatureId, email: email, phone: nil, note: nil,
            createdAt: Timestamps.instant(now), batchId: batchId)
        try contact.insert(db)
        return true
    }

    private func demandKeys(_ ids: [Int64]) -> [String] {
        let set = Set(ids)
        return demands.order.filter { demands.ids[$0].map(set.contains) ?? false }
    }

    private func keys(of ids: [Int64]) throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try String.fetchAll(db, sql: """
            SELECT key FROM demand WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY position
            """, arguments: StatementArguments(ids))
    }
}

/// A statement's current demands: plain values, so an import can resolve a row's demand
/// keys on its reading thread, away from the database.
struct StatementDemands: Sendable {
    let slug: String
    /// Keys in the statement's order.
    let order: [String]
    let ids: [String: Int64]
    /// What a cell may name a demand by, compared as ``comparable(_:)`` makes them: each
    /// key, and each demand's text in any language of the current version, with and
    /// without its closing full stop; the longest first, so a text that begins with
    /// another demand's text is read whole.
    private let names: [(name: String, key: String)]

    init(slug: String, order: [String], ids: [String: Int64], texts: [(key: String, text: String)] = []) {
        self.slug = slug
        self.order = order
        self.ids = ids
        var names = order.map { (name: $0, key: $0) }
        for (key, text) in texts {
            let words = Self.comparable(text)
            names.append((words, key))
            if let last = words.last, ".。!".contains(last) { names.append((String(words.dropLast()), key)) }
        }
        // Longest first; on a tie, the earlier (keys come before texts), so the order is fixed.
        self.names = names.enumerated().filter { !$0.element.name.isEmpty }
            .sorted { ($0.element.name.count, $1.offset) > ($1.element.name.count, $0.offset) }
            .map(\.element)
    }

    /// The demand ids `keys` name (all current demands when nil), or the unknown keys as an error.
    func resolve(_ keys: [String]?, textsAccepted: Bool = false) throws -> [Int64] {
        guard let keys else { return order.compactMap { ids[$0] } }
        let unknown = keys.filter { ids[$0] == nil }
        if !unknown.isEmpty {
            throw JointlyError.unknownDemands(slug: slug, keys: unknown, known: order, textsAccepted: textsAccepted)
        }
        var seen = Set<Int64>()
        return keys.compactMap { ids[$0] }.filter { seen.insert($0).inserted }
    }

    /// The keys of the demands `cell` lists by key or by text, separated by commas or
    /// semicolons, as a Google or Microsoft Forms checkbox question writes its answers
    /// ("Stop blocking Telegram., Repeal the ban on VPNs and anonymisers."); nil unless
    /// every part of the cell is one. Texts may hold commas, so the cell is read from the
    /// start, a whole demand at a time, never split first.
    func keys(listedIn cell: String) -> [String]? {
        var rest = Substring(Self.comparable(cell))
        var keys: [String] = []
        func isSeparator(_ character: Character) -> Bool { character == "," || character == ";" || character == " " }
        while true {
            rest = rest.drop(while: isSeparator)
            if rest.isEmpty { return keys.isEmpty ? nil : keys }
            guard let match = names.first(where: { candidate in
                guard rest.hasPrefix(candidate.name) else { return false }
                let after = rest.dropFirst(candidate.name.count).drop(while: { $0 == " " })
                return after.isEmpty || after.first == "," || after.first == ";"
            }) else { return nil }
            keys.append(match.key)
            rest = rest.dropFirst(match.name.count)
        }
    }

    /// `text` lower-cased, its runs of white space one space, curly quotes straight, and
    /// Markdown's emphasis and code marks (`*`, `_`, `` ` ``) left out: a statement may
    /// write "**Stop** blocking Telegram." where a form's checkbox says it plainly.
    static func comparable(_ text: String) -> String {
        let folded = text.lowercased().filter { $0 != "*" && $0 != "_" && $0 != "`" }.map { character -> Character in
            switch character {
            case "\u{2018}", "\u{2019}": "'"
            case "\u{201C}", "\u{201D}": "\""
            default: character.isWhitespace ? " " : character
            }
        }
        return String(folded).split(separator: " ").joined(separator: " ")
    }
}

/// A signature as the audit log records it.
///
/// Personal data is never copied into the log, which cannot be edited without breaking
/// its chain: contact details not at all, the signer's name and title only as whether
/// they are recorded, so `contact erase` can remove them for good.
struct SignatureSummary: Encodable {
    var status: String
    var person: Bool
    var title: Bool
    var unnamed: Bool
    var onBehalf: Bool
    var signedAt: String
    var demands: [String]
    /// The deadline, when the signature was forced in after it.
    var pastDeadline: String?

    init(signature: Signature, demands: [String]) {
        status = signature.status.rawValue
        person = signature.person != nil
        title = signature.personTitle != nil
        unnamed = signature.unnamed
        onBehalf = signature.onBehalf
        signedAt = signature.signedAt
        self.demands = demands
    }
}

/// An organisation as the audit log records it.
struct OrganisationSummary: Encodable {
    var name: String
    var shortName: String?
    var country: String?
    var website: String?
    var kind: String?

    init(_ organisation: Organisation) {
        name = organisation.name
        shortName = organisation.shortName
        country = organisation.country
        website = organisation.website
        kind = organisation.kind?.rawValue
    }
}

extension SignOutcome {
    /// One line for the person who ran the command.
    public func summary(slug: String) -> String {
        switch self {
        case .signed(let organisation, let status, let isNew, let demands):
            let who = isNew ? "\(organisation) (new organisation)" : organisation
            return "\(who) signed \(slug): \(status.rawValue), endorsing \(demands.count) demand\(demands.count == 1 ? "" : "s")"
        case .reactivated(let organisation, let status):
            return "\(organisation) signed \(slug) again after withdrawing: \(status.rawValue)"
        case .updated(let organisation, let changes):
            return "updated \(organisation)'s signature on \(slug): \(changes.joined(separator: ", "))"
        }
    }
}
