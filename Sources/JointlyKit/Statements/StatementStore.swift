import Foundation
import GRDB

/// What `statement add` did with one file.
public enum StatementChange: Equatable, Sendable {
    /// One line for the person who ran the command.
    public var summary: String {
        switch self {
        case .added(let slug): "added \(slug) (draft, version 1)"
        case .updated(let slug, let version): "updated \(slug): version \(version) rewritten (nobody had signed it)"
        case .newVersion(let slug, let version): "added version \(version) of \(slug); earlier versions are kept as signed"
        case .detailsUpdated(let slug): "updated the details of \(slug); its text is unchanged"
        case .translation(let slug, let language, let version): "stored the \(language) translation of \(slug) (of version \(version))"
        case .unchanged(let slug): "\(slug) is unchanged"
        }
    }

    /// A new statement, in draft, with its first version.
    case added(slug: String)
    /// The text changed before anyone signed, so the version was updated in place.
    case updated(slug: String, version: Int)
    /// A new version was added; the earlier ones stay as they were signed.
    case newVersion(slug: String, version: Int)
    /// Only details outside the signed text (issuer, date, grouping, deadline) changed.
    case detailsUpdated(slug: String)
    /// A translation was stored or updated.
    case translation(slug: String, language: String, translatesVersion: Int)
    /// The file matches what is stored.
    case unchanged(slug: String)
}

extension AppDatabase {
    /// Stores a statement file: a new statement, or a change to an existing one.
    ///
    /// The text people signed is never rewritten: once anyone signed, a changed text
    /// is refused unless `newVersion` is set, which adds version N+1 beside N.
    public func addStatement(_ file: StatementFile, actor: String, newVersion: Bool = false, note: String? = nil) throws -> StatementChange {
        try addStatements([file], actor: actor, newVersion: newVersion, note: note)[0]
    }

    /// Stores several statement files in one transaction: all of them, or none.
    ///
    /// Originals are stored before translations, so a translation given with its
    /// original on one command line finds it.
    public func addStatements(_ files: [StatementFile], actor: String, newVersion: Bool = false, note: String? = nil) throws -> [StatementChange] {
        let now = clock.now()
        let ordered = files.filter { $0.kind == .original } + files.filter { $0.kind != .original }
        return try write { db in
            var problems: [Diagnostic] = []
            var changes: [StatementChange] = []
            for file in ordered {
                let writer = StatementWriter(db: db, file: file, actor: actor, now: now)
                do {
                    switch file.kind {
                    case .original:
                        changes.append(try writer.storeOriginal(newVersion: newVersion, note: note))
                    case .translation(let original, let version):
                        changes.append(try writer.storeTranslation(of: original, version: version))
                    }
                } catch JointlyError.invalidFile(let diagnostics) {
                    problems += diagnostics
                }
            }
            if !problems.isEmpty { throw JointlyError.invalidFile(problems) }
            return changes
        }
    }
}

/// The work of storing one statement file, inside one transaction.
private struct StatementWriter {
    let db: Database
    let file: StatementFile
    let actor: String
    let now: Date

    private var instant: String { Timestamps.instant(now) }

    func storeOriginal(newVersion: Bool, note: String?) throws -> StatementChange {
        guard var statement = try Statement.filter(Statement.Columns.slug == file.slug).fetchOne(db) else {
            if newVersion {
                throw fileError(line: 1, "'\(file.slug)' is not stored yet, so there is no version to follow; run without --new-version")
            }
            return try insertNew()
        }
        let statementId = try statement.requireId()
        if statement.language != file.language {
            throw fileError(line: 1, "'\(file.slug)' is written in '\(statement.language)', not '\(file.language)'; a text in another language is a translation, SLUG.LANG.md")
        }
        let current = try currentVersion(statementId)
        let addressees = try upsertAddressees(statementId: statementId)
        let detailsChanged = try updateDetails(&statement)
        if current.textHash == file.textHash {
            if newVersion {
                throw fileError(line: 1, "the text of '\(file.slug)' has not changed since version \(current.number); there is nothing to make a new version of")
            }
            try updateDemandAddressees(statementId: statementId, addressees: addressees)
            return detailsChanged ? .detailsUpdated(slug: file.slug) : .unchanged(slug: file.slug)
        }
        if statement.status == .closed {
            throw fileError(line: 1, "'\(file.slug)' is closed; its text can no longer change")
        }
        let changes = try describeChanges(from: current)
        let signatureCount = try Signature.filter(Signature.Columns.statementId == statementId).fetchCount(db)
        if signatureCount > 0 && !newVersion {
            throw fileError(
                line: 1,
                "the text changed (\(changes.joined(separator: "; "))) after \(signatureCount) signature\(signatureCount == 1 ? "" : "s") on version \(current.number); to keep what they signed, run again with --new-version --note \"why it changed\"")
        }
        if newVersion {
            var version = StatementVersion(
                id: nil, statementId: statementId, language: file.language, number: current.number + 1,
                translatesVersion: nil, title: file.title, body: file.body, textHash: file.textHash,
                changeNote: note, createdAt: instant)
            try version.insert(db)
            try storeDemands(statementId: statementId, versionId: try version.requireId(), addressees: addressees, pruneRemoved: false)
            try touch(&statement)
            try AuditLog.append(
                db, time: instant, actor: actor, action: .statementVersion, statementId: statementId,
                subject: file.slug, old: ["version": current.number],
                new: ["version": String(version.number), "note": note ?? "", "changes": changes.joined(separator: "; ")])
            return .newVersion(slug: file.slug, version: version.number)
        }
        var version = current
        version.title = file.title
        version.body = file.body
        version.textHash = file.textHash
        try version.update(db)
        try storeDemands(statementId: statementId, versionId: try version.requireId(), addressees: addressees, pruneRemoved: true)
        try touch(&statement)
        try AuditLog.append(
            db, time: instant, actor: actor, action: .statementEdit, statementId: statementId,
            subject: file.slug, old: ["textHash": current.textHash],
            new: ["textHash": file.textHash, "changes": changes.joined(separator: "; ")])
        return .updated(slug: file.slug, version: version.number)
    }

    func storeTranslation(of original: String, version number: Int) throws -> StatementChange {
        guard let statement = try Statement.filter(Statement.Columns.slug == original).fetchOne(db) else {
            throw fileError(line: 1, "translation of '\(original)', which is not stored; add \(original).md first")
        }
        let statementId = try statement.requireId()
        if file.language == statement.language {
            throw fileError(line: 1, "'\(original)' is already written in '\(file.language)'; a translation needs another language")
        }
        guard let translated = try StatementVersion
            .filter(StatementVersion.Columns.statementId == statementId && StatementVersion.Columns.language == statement.language && StatementVersion.Columns.number == number)
            .fetchOne(db)
        else {
            throw fileError(line: 1, "translates-version \(number) of '\(original)' does not exist; see 'jointly statement history \(original)'")
        }
        let demands = try Demand.of(version: try translated.requireId(), db)
        let expected = Set(demands.map(\.key))
        let given = Set(file.demands.map(\.key))
        if expected != given {
            var problems: [String] = []
            let missing = expected.subtracting(given).sorted()
            let extra = given.subtracting(expected).sorted()
            if !missing.isEmpty { problems.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { problems.append("not in version \(number): \(extra.joined(separator: ", "))") }
            throw fileError(line: file.demands.first?.line ?? 1, "the translation's demand keys do not match version \(number) of '\(original)': \(problems.joined(separator: "; "))")
        }
        let existing = try StatementVersion
            .filter(StatementVersion.Columns.statementId == statementId && StatementVersion.Columns.language == file.language)
            .order(StatementVersion.Columns.number.desc)
            .fetchOne(db)
        let namesChanged = try storeAddresseeNames(statementId: statementId, slug: original)
        if let existing, existing.textHash == file.textHash, existing.translatesVersion == number {
            return namesChanged ? .translation(slug: original, language: file.language, translatesVersion: number) : .unchanged(slug: original)
        }
        var version = StatementVersion(
            id: nil, statementId: statementId, language: file.language, number: (existing?.number ?? 0) + 1,
            translatesVersion: number, title: file.title, body: file.body, textHash: file.textHash,
            changeNote: nil, createdAt: instant)
        try version.insert(db)
        let versionId = try version.requireId()
        let byKey = Dictionary(uniqueKeysWithValues: demands.map { ($0.key, $0) })
        for entry in file.demands {
            guard let demand = byKey[entry.key] else { continue }
            var text = DemandText(id: nil, demandId: try demand.requireId(), versionId: versionId, text: entry.text)
            try text.insert(db)
        }
        try AuditLog.append(
            db, time: instant, actor: actor, action: .statementTranslation, statementId: statementId,
            subject: original, new: ["language": file.language, "translatesVersion": String(number)])
        return .translation(slug: original, language: file.language, translatesVersion: number)
    }

    /// A translation's names for the statement's addressees, replacing what the language
    /// had before; returns whether anything changed. Every key must be one of the statement's.
    private func storeAddresseeNames(statementId: Int64, slug: String) throws -> Bool {
        let addressees = try Row.fetchAll(db, sql: """
            SELECT a.id, a.key FROM addressee a JOIN demand d ON d.addresseeId = a.id
            WHERE d.statementId = ? GROUP BY a.id ORDER BY min(d.position)
            """, arguments: [statementId])
        var ids: [String: Int64] = [:]
        for row in addressees { ids[row["key"]] = row["id"] }
        var names: [Int64: String] = [:]
        for entry in file.addresseeNames {
            guard let id = ids[entry.key] else {
                let known = addressees.map { $0["key"] as String }.joined(separator: ", ")
                throw fileError(line: entry.line, "addressee '\(entry.key)' is not an addressee of '\(slug)'; its addressees are: \(known)")
            }
            names[id] = entry.name
        }
        guard try AddresseeName.names(statementId: statementId, language: file.language, db) != names else { return false }
        try AddresseeName
            .filter(AddresseeName.Columns.statementId == statementId && AddresseeName.Columns.language == file.language)
            .deleteAll(db)
        for (id, text) in names.sorted(by: { $0.key < $1.key }) {
            var name = AddresseeName(id: nil, addresseeId: id, statementId: statementId, language: file.language, name: text)
            try name.insert(db)
        }
        return true
    }

    // MARK: - Steps

    private func insertNew() throws -> StatementChange {
        var statement = Statement(
            id: nil, slug: file.slug, title: file.title, language: file.language, issuer: file.issuer,
            date: file.date ?? Timestamps.day(now), groupBy: file.groupBy, status: .draft, deadline: file.deadline,
            openedAt: nil, publishedAt: nil, closedAt: nil, sourcePath: file.path, createdAt: instant, updatedAt: instant)
        try statement.insert(db)
        let statementId = try statement.requireId()
        var version = StatementVersion(
            id: nil, statementId: statementId, language: file.language, number: 1, translatesVersion: nil,
            title: file.title, body: file.body, textHash: file.textHash, changeNote: nil, createdAt: instant)
        try version.insert(db)
        let addressees = try upsertAddressees(statementId: statementId)
        try storeDemands(statementId: statementId, versionId: try version.requireId(), addressees: addressees, pruneRemoved: true)
        try AuditLog.append(
            db, time: instant, actor: actor, action: .statementAdd, statementId: statementId, subject: file.slug,
            new: ["title": file.title, "textHash": file.textHash, "demands": file.demands.map(\.key).joined(separator: ",")])
        return .added(slug: file.slug)
    }

    /// Global addressees by key; a name is changed only where no other statement uses it.
    private func upsertAddressees(statementId: Int64) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for entry in file.addressees {
            if var stored = try Addressee.filter(Addressee.Columns.key == entry.key).fetchOne(db) {
                if stored.name != entry.name || stored.kind != entry.kind {
                    let others = try Int.fetchOne(db, sql: """
                        SELECT count(DISTINCT statementId) FROM demand WHERE addresseeId = ? AND statementId <> ?
                        """, arguments: [stored.id, statementId]) ?? 0
                    if others > 0 {
                        throw fileError(line: entry.line, "addressee '\(entry.key)' is '\(stored.name)' (\(stored.kind.rawValue)) in other statements; use that name and kind, or another key")
                    }
                    stored.name = entry.name
                    stored.kind = entry.kind
                    try stored.update(db)
                }
                ids[entry.key] = try stored.requireId()
            } else {
                var addressee = Addressee(id: nil, key: entry.key, name: entry.name, kind: entry.kind)
                try addressee.insert(db)
                ids[entry.key] = try addressee.requireId()
            }
        }
        return ids
    }

    /// Writes the file's demands and their texts for `versionId`. With `pruneRemoved`
    /// (no signatures yet), demands no longer in the file are deleted; otherwise they
    /// stay, with their endorsements, on the versions that had them.
    private func storeDemands(statementId: Int64, versionId: Int64, addressees: [String: Int64], pruneRemoved: Bool) throws {
        var stored = Dictionary(
            uniqueKeysWithValues: try Demand.filter(Demand.Columns.statementId == statementId).fetchAll(db).map { ($0.key, $0) })
        try DemandText.filter(DemandText.Columns.versionId == versionId).deleteAll(db)
        let inactiveBase = 1_000_000
        for (position, entry) in file.demands.enumerated() {
            guard let addresseeId = addressees[entry.addressee] else {
                throw fileError(line: entry.line, "demand '\(entry.key)' names unknown addressee '\(entry.addressee)'")
            }
            var demand = stored.removeValue(forKey: entry.key)
                ?? Demand(id: nil, statementId: statementId, key: entry.key, position: position, addresseeId: addresseeId)
            demand.position = position
            demand.addresseeId = addresseeId
            try demand.save(db)
            var text = DemandText(id: nil, demandId: try demand.requireId(), versionId: versionId, text: entry.text)
            try text.insert(db)
        }
        for var removed in stored.values {
            if pruneRemoved {
                try removed.delete(db)
            } else if removed.position < inactiveBase {
                // Keep removed demands after the current ones, in their old order.
                removed.position += inactiveBase
                try removed.update(db)
            }
        }
    }

    private func updateDemandAddressees(statementId: Int64, addressees: [String: Int64]) throws {
        for entry in file.demands {
            guard let addresseeId = addressees[entry.addressee] else { continue }
            try db.execute(
                sql: "UPDATE demand SET addresseeId = ? WHERE statementId = ? AND key = ? AND addresseeId <> ?",
                arguments: [addresseeId, statementId, entry.key, addresseeId])
        }
    }

    private func updateDetails(_ statement: inout Statement) throws -> Bool {
        let before = statement
        statement.issuer = file.issuer
        statement.date = file.date ?? statement.date
        statement.groupBy = file.groupBy
        statement.deadline = file.deadline
        statement.title = file.title
        statement.sourcePath = file.path
        guard statement != before else { return false }
        try touch(&statement)
        if before.issuer != statement.issuer || before.date != statement.date
            || before.groupBy != statement.groupBy || before.deadline != statement.deadline {
            try AuditLog.append(
                db, time: instant, actor: actor, action: .statementDetails, statementId: statement.id, subject: file.slug,
                old: ["issuer": before.issuer, "date": before.date, "groupBy": before.groupBy.rawValue, "deadline": before.deadline ?? ""],
                new: ["issuer": statement.issuer, "date": statement.date, "groupBy": statement.groupBy.rawValue, "deadline": statement.deadline ?? ""])
            return true
        }
        return false
    }

    private func touch(_ statement: inout Statement) throws {
        statement.updatedAt = instant
        try statement.update(db)
    }

    private func currentVersion(_ statementId: Int64) throws -> StatementVersion {
        try StatementVersion.requireCurrent(db, statementId: statementId, slug: file.slug)
    }

    /// Human words for what differs between the stored version and the file.
    private func describeChanges(from version: StatementVersion) throws -> [String] {
        var changes: [String] = []
        if version.title != file.title { changes.append("title") }
        if version.body != file.body { changes.append("body") }
        let oldTexts = Dictionary(uniqueKeysWithValues: try DemandText.wording(of: try version.requireId(), db).map { ($0.key, $0.text) })
        let newTexts = Dictionary(uniqueKeysWithValues: file.demands.map { ($0.key, $0.text) })
        let added = newTexts.keys.filter { oldTexts[$0] == nil }.sorted()
        let removed = oldTexts.keys.filter { newTexts[$0] == nil }.sorted()
        let reworded = newTexts.keys.filter { key in oldTexts[key].map { $0 != newTexts[key] } ?? false }.sorted()
        if !added.isEmpty { changes.append("demands added: \(added.joined(separator: ", "))") }
        if !removed.isEmpty { changes.append("demands removed: \(removed.joined(separator: ", "))") }
        if !reworded.isEmpty { changes.append("demands reworded: \(reworded.joined(separator: ", "))") }
        if changes.isEmpty { changes.append("demand order") }
        return changes
    }

    private func fileError(line: Int, _ message: String) -> JointlyError {
        .invalidFile([Diagnostic(path: file.path, line: line, message: message)])
    }
}

extension StatementVersion {
    /// The newest version of a statement in its authoritative language.
    static func current(_ db: Database, statementId: Int64) throws -> StatementVersion? {
        try StatementVersion.fetchOne(db, sql: """
            SELECT statementVersion.* FROM statementVersion JOIN statement ON statement.id = statementVersion.statementId
            WHERE statementVersion.statementId = ? AND statementVersion.language = statement.language
            ORDER BY statementVersion.number DESC LIMIT 1
            """, arguments: [statementId])
    }

    /// ``current(_:statementId:)``, or an error: every statement has a version from the day it is added.
    static func requireCurrent(_ db: Database, statementId: Int64, slug: String) throws -> StatementVersion {
        guard let version = try current(db, statementId: statementId) else {
            throw JointlyError.database("statement \(slug) has no version; run 'jointly db check'")
        }
        return version
    }
}
