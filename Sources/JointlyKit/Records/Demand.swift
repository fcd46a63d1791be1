import GRDB

/// One ask of one addressee in one statement; the same key in two statements is the same ask.
public struct Demand: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var key: String
    public var position: Int
    public var addresseeId: Int64

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let statementId = Column(CodingKeys.statementId)
        static let key = Column(CodingKeys.key)
        static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Demand {
    /// The demands that have a text in version `versionId`, in their order.
    static func of(version versionId: Int64, _ db: Database) throws -> [Demand] {
        try Demand.fetchAll(db, sql: """
            SELECT demand.* FROM demand JOIN demandText ON demandText.demandId = demand.id
            WHERE demandText.versionId = ? ORDER BY demand.position
            """, arguments: [versionId])
    }
}
