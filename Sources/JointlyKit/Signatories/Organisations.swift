import Foundation
import GRDB

/// One organisation in `jointly org list`.
public struct OrganisationEntry: Encodable, Equatable, Sendable {
    public var name: String
    public var shortName: String?
    public var country: String?
    public var kind: String?
    public var website: String?
    /// Signatures of any status, on any statement.
    public var signatures: Int
    public var aliases: [String]
    var sortName: String

    private enum CodingKeys: String, CodingKey { case name, shortName, country, kind, website, signatures, aliases }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(shortName, forKey: .shortName)
        try container.encode(country, forKey: .country)
        try container.encode(kind, forKey: .kind)
        try container.encode(website, forKey: .website)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(aliases, forKey: .aliases)
    }
}

/// `jointly org show`: an organisation, its other names and its signatures.
public struct OrganisationDetail: Equatable, Sendable {
    public var organisation: Organisation
    public var aliases: [String]
    /// (statement slug, status, signed-at) per signature.
    public var signatures: [(statement: String, status: String, signedAt: String)]
    /// How many private contacts it has; the details stay private.
    public var contacts: Int

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.organisation == rhs.organisation && lhs.aliases == rhs.aliases && lhs.contacts == rhs.contacts
            && lhs.signatures.map { [$0.statement, $0.status, $0.signedAt] } == rhs.signatures.map { [$0.statement, $0.status, $0.signedAt] }
    }

    /// The organisation as text for a terminal.
    public var text: String {
        let organisation = organisation
        var lines = [organisation.name]
        if let short = organisation.shortName { lines.append("short name: \(short)") }
        lines.append("country:    \(organisation.country.map { "\($0) (\(Countries.name(ofCode: $0) ?? $0))" } ?? "unknown")")
        lines.append("kind:       \(organisation.kind?.rawValue ?? "unknown")")
        lines.append("website:    \(organisation.website ?? "none")")
        lines.append("aliases:    \(aliases.isEmpty ? "none" : aliases.joined(separator: ", "))")
        lines.append("contacts:   \(contacts) (private; see 'jointly export --include-private')")
        lines.append("signatures:")
        if signatures.isEmpty { lines.append("  none") }
        for signature in signatures { lines.append("  \(signature.statement): \(signature.status), signed \(signature.signedAt)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The fields `jointly org edit` changes; nil leaves a field, "" clears an optional one.
public struct OrganisationChanges: Equatable, Sendable {
    public var name: String?
    public var shortName: String?
    public var country: String?
    public var website: String?
    public var kind: String?

    public init(name: String? = nil, shortName: String? = nil, country: String? = nil, website: String? = nil, kind: String? = nil) {
        self.name = name
        self.shortName = shortName
        self.country = country
        self.website = website
        self.kind = kind
    }

    public var isEmpty: Bool { self == OrganisationChanges() }
}

/// What `jointly org merge` did.
public struct MergeSummary: Equatable, Sendable {
    public var from: String
    public var into: String
    public var signaturesMoved: Int
    public var contactsMoved: Int
    public var aliasesMoved: Int
    /// One line per statement both had signed, saying which signature was kept.
    public var resolved: [String]
    /// One line per detail both had, differently: the kept organisation's stays, and the
    /// line names the other and the command that takes it instead.
    public var detailsNotTaken: [String] = []

    public var lines: [String] {
        ["merged '\(from)' into '\(into)': moved \(signaturesMoved) signature\(signaturesMoved == 1 ? "" : "s"), "
            + "\(contactsMoved) contact\(contactsMoved == 1 ? "" : "s") and \(aliasesMoved) alias\(aliasesMoved == 1 ? "" : "es"); "
            + "'\(from)' is now an alias of '\(into)'"] + resolved + detailsNotTaken
    }

    /// The details `from` and `into` both had, differently, which a merge leaves as `into`
    /// had them: each named, with the `org edit` that takes `from`'s. Either side's may
    /// be the one a person typed (an import may have filled in `into`'s), so neither is
    /// dropped without a word.
    static func detailsNotTaken(from: Organisation, into: Organisation, kept: Organisation) -> [String] {
        let fields: [(label: String, option: String, from: String?, into: String?)] = [
            ("short name", "--short-name", from.shortName, into.shortName), ("country", "--country", from.country, into.country),
            ("website", "--website", from.website, into.website), ("kind", "--kind", from.kind?.rawValue, into.kind?.rawValue),
        ]
        let edit = "jointly org edit \(Shell.quoted(kept.name))" + (kept.country.map { " --match-country \($0)" } ?? "")
        return fields.compactMap { field in
            guard let theirs = field.from, let ours = field.into, theirs != ours else { return nil }
            return "kept the \(field.label) of '\(kept.name)', \(ours); '\(from.name)' had \(theirs); "
                + "to take that instead, run: \(edit) \(field.option) \(Shell.word(theirs))"
        }
    }
}

extension AppDatabase {
    /// Every organisation, sorted by name, with its signature count and aliases.
    public func organisations() throws -> [OrganisationEntry] {
        try read { db in
            var aliases: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT organisationId, alias FROM organisationAlias ORDER BY alias") {
                aliases[row[0], default: []].append(row[1])
            }
            let entries = try Row.fetchAll(db, sql: """
                SELECT o.id, o.name, o.sortName, o.shortName, o.country, o.kind, o.website,
                       (SELECT count(*) FROM signature g WHERE g.organisationId = o.id) AS signatures
                FROM organisation o
                """).map { row in
                OrganisationEntry(
                    name: row["name"], shortName: row["shortName"], country: row["country"], kind: row["kind"],
                    website: row["website"], signatures: row["signatures"], aliases: aliases[row["id"]] ?? [], sortName: row["sortName"])
            }
            return Collation(language: "en").sorted(entries, by: \.sortName)
        }
    }

    /// The organisation `name` (an alias too) means, with its aliases and signatures.
    public func organisation(named name: String, country: String? = nil) throws -> OrganisationDetail {
        try read { db in
            let organisation = try OrganisationMatching.require(db, name: name, country: country)
            let id = try organisation.requireId()
            return OrganisationDetail(
                organisation: organisation,
                aliases: try String.fetchAll(db, sql: "SELECT alias FROM organisationAlias WHERE organisationId = ? ORDER BY alias", arguments: [id]),
                signatures: try Row.fetchAll(db, sql: """
                    SELECT s.slug, g.status, g.signedAt FROM signature g JOIN statement s ON s.id = g.statementId
                    WHERE g.organisationId = ? ORDER BY g.signedAt, s.slug
                    """, arguments: [id]).map { ($0[0], $0[1], $0[2]) },
                contacts: try Int.fetchOne(db, sql: "SELECT count(*) FROM contact WHERE organisationId = ?", arguments: [id]) ?? 0)
        }
    }

    /// Corrects an organisation's details everywhere it appears; one audit event with old and new values.
    public func editOrganisation(named name: String, country: String? = nil, changes: OrganisationChanges, actor: String) throws -> Organisation {
        let now = clock.now()
        return try write { db in
            let before = try OrganisationMatching.require(db, name: name, country: country, countryOption: "--match-country")
            var organisation = before
            var problems: [JointlyError] = []
            func cleared(_ text: String) -> String? {
                let tidy = Names.tidy(text)
                return tidy.isEmpty ? nil : tidy
            }
            if let newName = changes.name {
                let tidy = Names.tidy(newName)
                if let problem = Names.publishedProblem(with: tidy, fix: Names.editingFix) {
                    problems.append(.invalidValue(field: "name", value: newName, reason: problem))
                } else {
                    organisation.name = tidy
                    organisation.sortName = tidy
                    organisation.normalizedName = Names.normalized(tidy)
                }
            }
            if let short = changes.shortName {
                let value = cleared(short)
                if let value, let problem = Names.publishedProblem(with: value, fix: Names.editingFix) {
                    problems.append(.invalidValue(field: "short-name", value: short, reason: problem))
                }
                organisation.shortName = value
            }
            if let code = changes.country {
                do { organisation.country = try OrganisationMatching.countryCode(cleared(code)) } catch let error as JointlyError { problems.append(error) }
            }
            if let site = changes.website {
                let value = cleared(site).map(SignatoryInput.withScheme)
                if let value, let problem = SignatoryInput.websiteProblem(value) {
                    problems.append(.invalidValue(field: "website", value: value, reason: problem))
                }
                organisation.website = value
            }
            if let kind = changes.kind {
                if let value = cleared(kind) {
                    if let parsed = OrganisationKind(rawValue: value.lowercased()) {
                        organisation.kind = parsed
                    } else {
                        problems.append(.invalidValue(field: "kind", value: value, reason: "use one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                } else {
                    organisation.kind = nil
                }
            }
            if !problems.isEmpty { throw JointlyError.problems(problems) }
            guard organisation != before else {
                throw JointlyError.invalidValue(field: "org", value: before.name, reason: "nothing to change; give --name, --country, --website, --kind or --short-name")
            }
            // One name in two countries is two organisations; but beside one with no country
            // the name could no longer say which is meant, and --country would pick that one.
            if let other = try Organisation
                .filter(Organisation.Columns.normalizedName == organisation.normalizedName && Organisation.Columns.id != before.id)
                .fetchAll(db).first(where: { $0.country == organisation.country || $0.country == nil || organisation.country == nil }) {
                let merge = "to make them one, run: jointly org merge \(Shell.quoted(before.name)) \(Shell.quoted(other.name))"
                throw JointlyError.invalidValue(
                    field: "name", value: organisation.name,
                    reason: other.country == organisation.country
                        ? "'\(other.name)'\(other.country.map { " (\($0))" } ?? "") already has that name; \(merge)"
                        : "'\(other.name)'\(other.country.map { " (\($0))" } ?? "") already has that name, and with one of the two "
                            + "without a country the name could not say which is meant; give each its country first (--country), or \(merge)")
            }
            try organisation.update(db)
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .organisationEdit, statementId: nil,
                subject: before.name, old: OrganisationSummary(before), new: OrganisationSummary(organisation))
            return organisation
        }
    }

    /// Records `alias` as another name of the organisation `name` means.
    public func addAlias(organisation name: String, country: String? = nil, alias: String, actor: String) throws -> Organisation {
        let now = clock.now()
        return try write { db in
            let organisation = try OrganisationMatching.require(db, name: name, country: country)
            let tidy = Names.tidy(alias)
            if let problem = Names.publishedProblem(with: tidy, fix: Names.editingFix) {
                throw JointlyError.invalidValue(field: "alias", value: alias, reason: problem)
            }
            let normalized = Names.normalized(tidy)
            if normalized == organisation.normalizedName {
                throw JointlyError.invalidValue(field: "alias", value: tidy, reason: "is already how '\(organisation.name)' is matched; nothing to add")
            }
            if let other = try Organisation.filter(Organisation.Columns.normalizedName == normalized).fetchOne(db) {
                throw JointlyError.invalidValue(
                    field: "alias", value: tidy,
                    reason: "is the name of another organisation, '\(other.name)'; if they are one, run: jointly org merge \(Shell.quoted(other.name)) \(Shell.quoted(organisation.name))")
            }
            if let owner = try String.fetchOne(db, sql: """
                SELECT o.name FROM organisationAlias a JOIN organisation o ON o.id = a.organisationId WHERE a.normalizedAlias = ?
                """, arguments: [normalized]) {
                throw JointlyError.invalidValue(field: "alias", value: tidy, reason: "is already an alias of '\(owner)'")
            }
            // "HRW" as another group's alias would sign Human Rights Watch's rows for it.
            if let owner = try OrganisationMatching.owners(db, shortName: tidy, limit: 2).first(where: { $0.name != organisation.name }) {
                throw JointlyError.invalidValue(
                    field: "alias", value: tidy,
                    reason: "is the short name of '\(owner.name)'; if the two are one organisation, run: jointly org merge \(Shell.quoted(organisation.name)) \(Shell.quoted(owner.name))")
            }
            var record = OrganisationAlias(id: nil, organisationId: try organisation.requireId(), alias: tidy, normalizedAlias: normalized)
            try record.insert(db)
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .organisationAlias, statementId: nil,
                subject: organisation.name, new: ["alias": tidy])
            return organisation
        }
    }

    /// Makes `from` part of `into`: its signatures (with endorsements), contacts and aliases
    /// move, its name becomes an alias, and it is removed. Where both signed one statement,
    /// one signature stays and the summary says which: a withdrawal first (the organisation
    /// asked to come off; a second spelling in an old form export must not undo that, and
    /// `jointly sign` signs it again on purpose), then verified, pending, rejected; on a tie
    /// `into`'s. One audit event.
    public func mergeOrganisations(
        from fromName: String, fromCountry: String? = nil, into intoName: String, intoCountry: String? = nil, actor: String
    ) throws -> MergeSummary {
        let now = clock.now()
        return try write { db in
            let from = try OrganisationMatching.require(db, name: fromName, country: fromCountry, countryOption: "--from-country")
            var into = try OrganisationMatching.require(db, name: intoName, country: intoCountry, countryOption: "--into-country")
            let fromId = try from.requireId(), intoId = try into.requireId()
            guard fromId != intoId else {
                throw JointlyError.invalidValue(field: "org", value: fromName, reason: "'\(fromName)' and '\(intoName)' are already one organisation")
            }
            var resolved: [String] = []
            var dropped: [[String: String]] = []
            let rank: [String: Int] = ["withdrawn": 4, "verified": 3, "pending": 2, "rejected": 0]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.id AS fromSignature, f.status AS fromStatus, f.unnamed AS fromUnnamed, f.batchId AS fromBatch,
                       i.id AS intoSignature, i.status AS intoStatus, i.unnamed AS intoUnnamed, i.batchId AS intoBatch, s.slug
                FROM signature f JOIN signature i ON i.statementId = f.statementId AND i.organisationId = ?
                JOIN statement s ON s.id = f.statementId
                WHERE f.organisationId = ?
                """, arguments: [intoId, fromId]) {
                let fromStatus: String = row["fromStatus"], intoStatus: String = row["intoStatus"], slug: String = row["slug"]
                let keepFrom = (rank[fromStatus] ?? 0) > (rank[intoStatus] ?? 0)
                let drop: Int64 = keepFrom ? row["intoSignature"] : row["fromSignature"]
                let keep: Int64 = keepFrom ? row["fromSignature"] : row["intoSignature"]
                // The dropped signature's contacts are the organisation's too: keep them.
                try db.execute(sql: "UPDATE contact SET signatureId = ? WHERE signatureId = ?", arguments: [keep, drop])
                // An edition that published the dropped signature published this organisation:
                // its row stays, with the name it printed, under the kept signature, so the
                // next edition neither loses it from the record nor lists it as joining again.
                try db.execute(sql: "UPDATE publishedSignature SET signatureId = ? WHERE signatureId = ?", arguments: [keep, drop])
                try db.execute(sql: "DELETE FROM signature WHERE id = ?", arguments: [drop])
                // A group that asked, under either spelling, not to be named stays unnamed:
                // merging two spellings must never publish it.
                let fromUnnamed: Bool = row["fromUnnamed"], intoUnnamed: Bool = row["intoUnnamed"]
                let keptUnnamed = (keepFrom ? intoUnnamed : fromUnnamed) && !(keepFrom ? fromUnnamed : intoUnnamed)
                if keptUnnamed { try db.execute(sql: "UPDATE signature SET unnamed = 1 WHERE id = ?", arguments: [keep]) }
                var record = ["statement": slug, "kept": keepFrom ? fromStatus : intoStatus, "dropped": keepFrom ? intoStatus : fromStatus]
                // Which signature now stands for both, and the import (if any) the dropped one
                // came from: `batch undo` of the kept one's import must not remove both unasked.
                let droppedBatch: Int64? = keepFrom ? row["intoBatch"] : row["fromBatch"]
                record["keptSignature"] = String(keep)
                record["droppedSignature"] = String(drop)
                record["droppedBatch"] = droppedBatch.map(String.init) ?? ""
                if keptUnnamed { record["unnamed"] = "true" }
                dropped.append(record)
                let unnamedNote = keptUnnamed ? ", and kept it unnamed, as the dropped one asked" : ""
                resolved.append(keepFrom
                    ? "both had signed '\(slug)': kept the \(fromStatus) signature of '\(from.name)', dropped the \(intoStatus) one of '\(into.name)'\(unnamedNote)"
                    : "both had signed '\(slug)': kept the \(intoStatus) signature of '\(into.name)', dropped the \(fromStatus) one of '\(from.name)'\(unnamedNote)")
            }
            try db.execute(sql: "UPDATE signature SET organisationId = ? WHERE organisationId = ?", arguments: [intoId, fromId])
            let signatures = db.changesCount
            try db.execute(sql: "UPDATE contact SET organisationId = ? WHERE organisationId = ?", arguments: [intoId, fromId])
            let contacts = db.changesCount
            try db.execute(sql: "UPDATE organisationAlias SET organisationId = ? WHERE organisationId = ?", arguments: [intoId, fromId])
            let aliases = db.changesCount
            // What imports filled in on `from` (read before the delete cascades them away).
            let fills = try BatchOrganisationFill.filter(BatchOrganisationFill.Columns.organisationId == fromId).fetchAll(db)
            _ = try Organisation.deleteOne(db, key: fromId)
            let before = into
            into.shortName = into.shortName ?? from.shortName
            into.country = into.country ?? from.country
            into.website = into.website ?? from.website
            into.kind = into.kind ?? from.kind
            if into != before { try into.update(db) }
            // A detail an import filled in on `from` that `into` takes stays that import's to
            // clear: `batch undo` then clears it on `into`, as it would have on `from`.
            let taken = BatchOrganisationFill.filledFields(before: before, after: into)
            // Details of an organisation a batch created came from that batch's sheet too.
            if let batchId = from.batchId, !taken.isEmpty,
               try Bool.fetchOne(db, sql: "SELECT undoneAt IS NULL FROM importBatch WHERE id = ?", arguments: [batchId]) == true {
                try BatchOrganisationFill.record(db, batchId: batchId, organisationId: intoId, fields: taken)
            }
            for fill in fills {
                let moved = try fill.fields().filter { taken[$0.key.rawValue] == $0.value }
                try BatchOrganisationFill.record(
                    db, batchId: fill.batchId, organisationId: intoId,
                    fields: Dictionary(uniqueKeysWithValues: moved.map { ($0.key.rawValue, $0.value) }))
            }
            if from.normalizedName != into.normalizedName,
               try OrganisationAlias.filter(OrganisationAlias.Columns.normalizedAlias == from.normalizedName).fetchCount(db) == 0 {
                var alias = OrganisationAlias(id: nil, organisationId: intoId, alias: from.name, normalizedAlias: from.normalizedName)
                try alias.insert(db)
            }
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: .organisationMerge, statementId: nil,
                subject: into.name,
                old: MergeRecord(from: OrganisationSummary(from), into: OrganisationSummary(before), signatures: signatures,
                                 contacts: contacts, aliases: aliases, dropped: dropped),
                new: OrganisationSummary(into))
            return MergeSummary(
                from: from.name, into: into.name, signaturesMoved: signatures, contactsMoved: contacts, aliasesMoved: aliases,
                resolved: resolved, detailsNotTaken: MergeSummary.detailsNotTaken(from: from, into: before, kept: into))
        }
    }
}

/// What a merge changed, for the audit log.
private struct MergeRecord: Encodable {
    var from: OrganisationSummary
    var into: OrganisationSummary
    var signatures: Int
    var contacts: Int
    var aliases: Int
    var dropped: [[String: String]]
}

extension Reports {
    /// `jointly org list`.
    public static func organisations(_ entries: [OrganisationEntry]) -> Report<OrganisationEntry> {
        Report(
            headers: ["organisation", "short-name", "country", "kind", "website", "signatures", "aliases"],
            rows: entries.map {
                [$0.name, $0.shortName ?? "", $0.country ?? "", $0.kind ?? "", $0.website ?? "", String($0.signatures),
                 $0.aliases.joined(separator: "; ")]
            },
            items: entries)
    }
}
