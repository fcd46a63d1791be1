import GRDB

/// Which signatures `jointly signatories` lists.
public enum StatusFilter: Equatable, Sendable {
    /// Verified and pending: the coordinator's working list.
    case current
    /// Only signatures with this status.
    case only(SignatureStatus)
    /// Every signature, rejected and withdrawn ones too.
    case all

    /// Parses `verified`, `pending`, `rejected`, `withdrawn` or `all`.
    public init?(_ text: String) {
        if text == "all" { self = .all } else if let status = SignatureStatus(rawValue: text) { self = .only(status) } else { return nil }
    }

    func includes(_ status: SignatureStatus) -> Bool {
        switch self {
        case .current: status == .verified || status == .pending
        case .only(let wanted): status == wanted
        case .all: true
        }
    }
}

/// One signatory in the coordinator's view: every public field, never contact details.
///
/// Its JSON carries every key of DESIGN.md's field table, `null` where there is no value.
public struct SignatoryEntry: Equatable, Sendable, Encodable {
    public var organisation: String
    public var shortName: String?
    public var country: String?
    public var website: String?
    public var kind: String?
    public var person: String?
    public var title: String?
    public var demands: [String]
    public var signedAt: String
    public var status: SignatureStatus
    public var unnamed: Bool
    /// False when a person signed in their own name, the organisation their affiliation.
    public var onBehalf: Bool
    /// The version of the text this signature was given on.
    public var version: Int
    /// Not a JSON key: the name to sort by.
    var sortName: String
    /// Not a JSON key: whether it endorses every demand of the current version.
    var endorsesAll = false

    enum CodingKeys: String, CodingKey {
        case organisation, shortName, country, website, kind, person, title, demands, signedAt, status, unnamed, onBehalf, version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(shortName, forKey: .shortName)
        try container.encode(country, forKey: .country)
        try container.encode(website, forKey: .website)
        try container.encode(kind, forKey: .kind)
        try container.encode(person, forKey: .person)
        try container.encode(title, forKey: .title)
        try container.encode(demands, forKey: .demands)
        try container.encode(signedAt, forKey: .signedAt)
        try container.encode(status, forKey: .status)
        try container.encode(unnamed, forKey: .unnamed)
        try container.encode(onBehalf, forKey: .onBehalf)
        try container.encode(version, forKey: .version)
    }
}

extension AppDatabase {
    /// The statement's signatories, sorted for its language from keys computed once per name.
    public func signatories(slug: String, filter: StatusFilter = .current) throws -> [SignatoryEntry] {
        try read { db in
            let statement = try Statement.require(db, slug: slug)
            let statementId = try statement.requireId()
            let version = try StatementVersion.current(db, statementId: statementId)
            let current = try Set(version.map { try Demand.of(version: $0.requireId(), db).map(\.key) } ?? [])
            var entries = try SignatoryEntry.fetch(db, statementId: statementId).filter { filter.includes($0.status) }
            for index in entries.indices { entries[index].endorsesAll = Set(entries[index].demands) == current }
            return Collation(language: statement.language).sorted(entries, by: \.sortName)
        }
    }
}

extension SignatoryEntry {
    /// Every signature of a statement, unsorted, with its endorsed demand keys.
    static func fetch(_ db: Database, statementId: Int64) throws -> [SignatoryEntry] {
        var demandsBySignature: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT e.signatureId, d.key FROM endorsement e
            JOIN signature g ON g.id = e.signatureId JOIN demand d ON d.id = e.demandId
            WHERE g.statementId = ? ORDER BY e.signatureId, d.position
            """, arguments: [statementId]) {
            demandsBySignature[row["signatureId"], default: []].append(row["key"])
        }
        return try Row.fetchAll(db, sql: """
            SELECT g.id, o.name, o.sortName, o.shortName, o.country, o.website, o.kind, g.person, g.personTitle,
                   g.signedAt, g.status, g.unnamed, g.onBehalf, v.number AS version
            FROM signature g JOIN organisation o ON o.id = g.organisationId
            JOIN statementVersion v ON v.id = g.versionId
            WHERE g.statementId = ?
            """, arguments: [statementId]).map { row in
            SignatoryEntry(
                organisation: row["name"], shortName: row["shortName"], country: row["country"], website: row["website"],
                kind: row["kind"], person: row["person"], title: row["personTitle"],
                demands: demandsBySignature[row["id"]] ?? [], signedAt: row["signedAt"], status: row["status"],
                unnamed: row["unnamed"], onBehalf: row["onBehalf"], version: row["version"], sortName: row["sortName"])
        }
    }
}
