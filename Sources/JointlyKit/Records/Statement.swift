import GRDB

/// A joint statement: one text, in one authoritative language, signed by organisations.
public struct Statement: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var title: String
    public var language: String
    public var issuer: String
    public var date: String
    public var groupBy: GroupBy
    public var status: StatementStatus
    public var deadline: String?
    public var openedAt: String?
    public var publishedAt: String?
    public var closedAt: String?
    public var sourcePath: String
    public var createdAt: String
    public var updatedAt: String

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let slug = Column(CodingKeys.slug)
        static let status = Column(CodingKeys.status)
        static let date = Column(CodingKeys.date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Whether the statement is on the site: published, or closed after an edition. A
    /// statement closed while still open was never launched, so its list stays private.
    public var isPublic: Bool { status == .published || (status == .closed && publishedAt != nil) }

    /// `isPublic` as SQL, for the statement table's rows.
    static let isPublicSQL = "(status = 'published' OR (status = 'closed' AND publishedAt IS NOT NULL))"
}

extension Statement {
    static let versions = hasMany(StatementVersion.self)
    static let demands = hasMany(Demand.self)
    static let signatures = hasMany(Signature.self)
    static let publications = hasMany(Publication.self)
}
