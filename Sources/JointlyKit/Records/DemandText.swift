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

extension DemandText {
    /// Each demand's key and wording in version `versionId`, in the demands' order.
    static func wording(of versionId: Int64, _ db: Database) throws -> [(key: String, text: String)] {
        try Row.fetchAll(db, sql: """
            SELECT d.key, t.text FROM demandText t JOIN demand d ON d.id = t.demandId
            WHERE t.versionId = ? ORDER BY d.position
            """, arguments: [versionId]).map { (key: $0["key"] as String, text: $0["text"] as String) }
    }
}
