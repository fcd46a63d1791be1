import Foundation
import GRDB

/// One edition as `publish` recorded it, and as `statement history` shows it.
public struct Edition: Equatable, Sendable, Encodable {
    public var edition: Int
    public var publishedOn: String
    public var version: Int
    public var signatoryCount: Int
    /// Named organisations that joined since the previous edition.
    public var joined: [String]
    /// Named organisations that left (withdrew or were rejected) since the previous edition.
    public var left: [String]
    /// Unnamed signatories that joined or left, counted only.
    public var unnamedJoined: Int
    public var unnamedLeft: Int
    /// Rows the previous edition listed for an organisation since merged into another
    /// that this edition lists: "FROM into INTO". Not a withdrawal, but one line fewer.
    public var merged: [String] = []
    /// Signatories listed in both editions that asked to be unnamed, or to be named again,
    /// in between: counted, never named, as the group may be at risk.
    public var becameUnnamed: Int = 0
    public var becameNamed: Int = 0
    public var listHash: String
    public var textHash: String
    public var chainHead: String
    /// False for an edition from before v9 whose list could only be given today's names.
    public var namesKept: Bool = true
}

extension AppDatabase {
    /// Moves a draft statement to `open`: collecting signatures, still private.
    public func openStatement(slug: String, actor: String) throws -> Statement {
        try transition(slug: slug, to: .open, actor: actor) { statement, _, day in
            statement.openedAt = statement.openedAt ?? day
        }
    }

    /// Closes a statement to signatures. Pending signatures must be settled first, unless `force`.
    public func closeStatement(slug: String, force: Bool, actor: String) throws -> Statement {
        try transition(slug: slug, to: .closed, actor: actor) { statement, db, day in
            let pending = try Signature
                .filter(Signature.Columns.statementId == statement.id && Signature.Columns.status == SignatureStatus.pending)
                .fetchCount(db)
            if pending > 0 && !force {
                throw JointlyError.invalidValue(
                    field: "statement", value: slug,
                    reason: "\(pending) signature\(pending == 1 ? " is" : "s are") still pending; verify or reject \(pending == 1 ? "it" : "them") first (jointly signatories \(slug) --status pending), or close with --force")
            }
            statement.closedAt = day
        }
    }

    /// Makes the statement public (or re-publishes it) and records an edition: the
    /// version, the verified list with who joined and left since the last edition,
    /// the fingerprints of list and text, and the audit chain's head.
    public func publish(slug: String, date: String? = nil, actor: String) throws -> Edition {
        let now = clock.now()
        let instant = Timestamps.instant(now)
        let day = date ?? Timestamps.day(now)
        guard Day.isValid(day) else {
            throw JointlyError.invalidValue(field: "date", value: day, reason: "not a date; write YYYY-MM-DD, such as 2018-05-16")
        }
        // Editions never go back in date, so one dated ahead would block every edition until then.
        if let problem = Timestamps.futureProblem(day, at: now, happened: "an edition is dated the day it is published, or earlier") {
            throw JointlyError.invalidValue(field: "date", value: day, reason: problem)
        }
        return try write { db in
            var statement = try Statement.require(db, slug: slug)
            let statementId = try statement.requireId()
            if statement.status == .closed {
                throw JointlyError.invalidTransition(slug: slug, from: "closed", to: "published", allowed: [])
            }
            if day < statement.date {
                throw JointlyError.invalidValue(
                    field: "date", value: day,
                    reason: "the statement is dated \(statement.date), and an edition cannot come before it: give --date \(statement.date) or later, or correct 'date:' in its file and run 'jointly statement add' with it")
            }
            let version = try StatementVersion.requireCurrent(db, statementId: statementId, slug: slug)
            let previous = try Publication
                .filter(Publication.Columns.statementId == statementId)
                .order(Publication.Columns.edition.desc)
                .fetchOne(db)
            if let previous, day < previous.publishedOn {
                throw JointlyError.invalidValue(
                    field: "date", value: day, reason: "edition \(previous.edition) was published on \(previous.publishedOn); a new edition cannot be dated earlier")
            }
            let list = try PublishedList.current(db, statementId: statementId, language: statement.language, through: day)
            let before = try previous.map { try PublishedList.of(db, publicationId: $0.requireId()) } ?? PublishedList(entries: [])
            let changes = list.changes(since: before)
            let edition = (previous?.edition ?? 0) + 1
            let from = statement.status
            statement.status = .published
            statement.publishedAt = statement.publishedAt ?? day
            statement.updatedAt = instant
            try statement.update(db)
            try AuditLog.append(
                db, time: instant, actor: actor, action: .statementPublish, statementId: statementId, subject: slug,
                old: ["status": from.rawValue],
                new: ["status": "published", "edition": String(edition), "date": day, "signatories": String(list.entries.count),
                      "listHash": list.hash, "textHash": version.textHash])
            var publication = Publication(
                id: nil, statementId: statementId, versionId: try version.requireId(), edition: edition, publishedOn: day,
                signatoryCount: list.entries.count, joined: try json(changes.joined), left: try json(changes.left),
                listHash: list.hash, textHash: version.textHash, chainHead: try AuditLog.head(db), createdAt: instant)
            try publication.insert(db)
            let publicationId = try publication.requireId()
            try list.keep(db, publicationId: publicationId)
            return Edition(
                edition: edition, publishedOn: day, version: version.number, signatoryCount: list.entries.count,
                joined: changes.joined, left: changes.left, unnamedJoined: changes.unnamedJoined, unnamedLeft: changes.unnamedLeft,
                merged: changes.merged, becameUnnamed: changes.becameUnnamed, becameNamed: changes.becameNamed,
                listHash: list.hash, textHash: version.textHash, chainHead: publication.chainHead)
        }
    }

    /// The editions of statement `slug`, oldest first.
    public func editions(slug: String) throws -> [Edition] {
        try read { db in
            let statement = try Statement.require(db, slug: slug)
            var previous = PublishedList(entries: [])
            var editions: [Edition] = []
            for publication in try Publication.filter(Publication.Columns.statementId == statement.id).order(Publication.Columns.edition).fetchAll(db) {
                let list = try PublishedList.of(db, publicationId: try publication.requireId())
                let changes = list.changes(since: previous)
                let version = try Int.fetchOne(db, sql: "SELECT number FROM statementVersion WHERE id = ?", arguments: [publication.versionId]) ?? 0
                editions.append(Edition(
                    edition: publication.edition, publishedOn: publication.publishedOn, version: version,
                    signatoryCount: publication.signatoryCount, joined: changes.joined, left: changes.left,
                    unnamedJoined: changes.unnamedJoined, unnamedLeft: changes.unnamedLeft,
                    merged: changes.merged, becameUnnamed: changes.becameUnnamed, becameNamed: changes.becameNamed,
                    listHash: publication.listHash, textHash: publication.textHash, chainHead: publication.chainHead,
                    namesKept: publication.namesKept))
                previous = list
            }
            return editions
        }
    }

    /// Every version of the statement's authoritative text, oldest first.
    public func versions(slug: String) throws -> [StatementVersion] {
        try read { db in
            let statement = try Statement.require(db, slug: slug)
            return try StatementVersion
                .filter(StatementVersion.Columns.statementId == statement.id && StatementVersion.Columns.language == statement.language)
                .order(StatementVersion.Columns.number)
                .fetchAll(db)
        }
    }

    /// Applies a state change allowed by `StatementStatus.next`, with its audit event.
    private func transition(
        slug: String, to target: StatementStatus, actor: String,
        _ change: (inout Statement, Database, String) throws -> Void
    ) throws -> Statement {
        let now = clock.now()
        let instant = Timestamps.instant(now)
        return try write { db in
            let statement = try Statement.require(db, slug: slug)
            guard statement.status.next.contains(target) else {
                throw JointlyError.invalidTransition(
                    slug: slug, from: statement.status.rawValue, to: target.rawValue,
                    allowed: statement.status.next.map(\.rawValue))
            }
            var changed = statement
            changed.status = target
            changed.updatedAt = instant
            try change(&changed, db, Timestamps.day(now))
            try changed.update(db)
            try AuditLog.append(
                db, time: instant, actor: actor, action: target == .open ? .statementOpen : .statementClose,
                statementId: statement.id, subject: slug,
                old: ["status": statement.status.rawValue], new: ["status": target.rawValue])
            return changed
        }
    }

    private func json(_ names: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(names), as: UTF8.self)
    }
}

/// The verified signatures an edition publishes, and their fingerprint.
struct PublishedList {
    /// One row of the list, as the page printed it.
    struct Entry: Hashable {
        var signatureId: Int64
        var name: String
        var country: String?
        var unnamed: Bool
    }

    /// In page order.
    var entries: [Entry]

    /// The verified signatures of a statement signed on or before `day`, in page order:
    /// an edition dated in the past lists only who had signed by then.
    static func current(_ db: Database, statementId: Int64, language: String, through day: String) throws -> PublishedList {
        let rows = try Row.fetchAll(db, sql: """
            SELECT g.id, o.name, o.sortName, o.country, g.unnamed FROM signature g
            JOIN organisation o ON o.id = g.organisationId
            WHERE g.statementId = ? AND g.status = 'verified' AND g.signedAt <= ?
            ORDER BY g.organisationId
            """, arguments: [statementId, day])
        return PublishedList(entries: Collation(language: language).sorted(rows) { $0["sortName"] as String }.map {
            Entry(signatureId: $0["id"], name: $0["name"], country: $0["country"], unnamed: $0["unnamed"])
        })
    }

    /// The list edition `publicationId` published, as it was then (v9 keeps each row).
    static func of(_ db: Database, publicationId: Int64) throws -> PublishedList {
        let rows = try Row.fetchAll(db, sql: """
            SELECT signatureId, name, country, unnamed FROM publishedSignature WHERE publicationId = ? ORDER BY position
            """, arguments: [publicationId])
        return PublishedList(entries: rows.map {
            Entry(signatureId: $0["signatureId"], name: $0["name"], country: $0["country"], unnamed: $0["unnamed"])
        })
    }

    /// Keeps the list as edition `publicationId`'s, row by row.
    func keep(_ db: Database, publicationId: Int64) throws {
        for (offset, entry) in entries.enumerated() {
            try PublishedSignature(
                publicationId: publicationId, position: offset + 1, signatureId: entry.signatureId,
                name: entry.name, country: entry.country, unnamed: entry.unnamed
            ).insert(db)
        }
    }

    /// SHA-256 of the list as published: one line per named signatory (name, tab,
    /// country) in page order, then the count of unnamed ones, which are never named.
    var hash: String {
        let named = entries.filter { !$0.unnamed }.map { "\($0.name)\t\($0.country ?? "")\n" }.joined()
        return Hashing.sha256(named + "unnamed\t\(entries.filter(\.unnamed).count)\n")
    }

    /// What changed between two editions' lists.
    struct Changes {
        var joined: [String] = []
        var left: [String] = []
        var unnamedJoined = 0
        var unnamedLeft = 0
        var merged: [String] = []
        var becameUnnamed = 0
        var becameNamed = 0
    }

    /// Who joined and who left since `previous`, row by row: a signature can hold two rows
    /// of one edition once `org merge` joins two spellings that edition listed, so rows are
    /// matched as a multiset by signature, the same name and country first, then any row of
    /// that signature (an organisation renamed in between). A previous row left over whose
    /// signature this edition still lists was merged, not withdrawn.
    func changes(since previous: PublishedList) -> Changes {
        var unmatched: [Int64: [Int]] = [:]
        for (index, entry) in previous.entries.enumerated() { unmatched[entry.signatureId, default: []].append(index) }
        var partner = [Int?](repeating: nil, count: entries.count)
        for exact in [true, false] {
            for (index, entry) in entries.enumerated() where partner[index] == nil {
                guard var candidates = unmatched[entry.signatureId], !candidates.isEmpty else { continue }
                let same = { (row: Int) in previous.entries[row].name == entry.name && previous.entries[row].country == entry.country }
                guard let found = exact ? candidates.firstIndex(where: same) : candidates.startIndex else { continue }
                partner[index] = candidates.remove(at: found)
                unmatched[entry.signatureId] = candidates
            }
        }
        var changes = Changes()
        var listedNow: [Int64: String] = [:]
        for entry in entries where !entry.unnamed && listedNow[entry.signatureId] == nil { listedNow[entry.signatureId] = entry.name }
        for (index, entry) in entries.enumerated() {
            guard let row = partner[index] else {
                if entry.unnamed { changes.unnamedJoined += 1 } else { changes.joined.append(entry.name) }
                continue
            }
            let before = previous.entries[row]
            if !before.unnamed && entry.unnamed { changes.becameUnnamed += 1 }
            if before.unnamed && !entry.unnamed { changes.becameNamed += 1 }
        }
        // A row merged into one listed unnamed is a leaver: naming both would unmask it.
        for row in unmatched.values.joined().sorted() {
            let entry = previous.entries[row]
            if entry.unnamed {
                changes.unnamedLeft += 1
            } else if let into = listedNow[entry.signatureId] {
                changes.merged.append("\(entry.name) into \(into)")
            } else {
                changes.left.append(entry.name)
            }
        }
        return changes
    }
}
