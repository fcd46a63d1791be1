import GRDB

/// Another name an organisation is known by ("HRW" for Human Rights Watch).
public struct OrganisationAlias: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var organisationId: Int64
    public var alias: String
    public var normalizedAlias: String

    /// The table's columns.
    public enum Columns {
        static let organisationId = Column(CodingKeys.organisationId)
        static let normalizedAlias = Column(CodingKeys.normalizedAlias)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
