import GRDB

/// One entry of the append-only, hash-chained audit log.
public struct Event: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var time: String
    public var actor: String
    public var action: String
    public var statementId: Int64?
    public var subject: String
    public var oldValue: String?
    public var newValue: String?
    public var previousHash: String
    public var hash: String

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let statementId = Column(CodingKeys.statementId)
        static let hash = Column(CodingKeys.hash)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
