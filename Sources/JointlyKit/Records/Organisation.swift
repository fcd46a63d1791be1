import GRDB

/// A group that signs statements; identified by its normalised name and country.
public struct Organisation: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var sortName: String
    public var shortName: String?
    public var country: String?
    public var website: String?
    public var kind: OrganisationKind?
    public var normalizedName: String
    public var createdAt: String
    /// The import that created it, if one did (`batch undo` removes it with the batch).
    public var batchId: Int64?

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let country = Column(CodingKeys.country)
        static let normalizedName = Column(CodingKeys.normalizedName)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Organisation {
    static let aliases = hasMany(OrganisationAlias.self)
    static let signatures = hasMany(Signature.self)
}
