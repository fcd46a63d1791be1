import GRDB

/// The wording of a demand in one version (and so one language) of its statement.
public struct DemandText: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var demandId: Int64
    public var versionId: Int64
    public var text: String

    /// The table's columns.
    public enum Columns {
        static let demandId = Column(CodingKeys.demandId)
        static let versionId = Column(CodingKeys.versionId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
