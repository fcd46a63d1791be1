import GRDB

/// Who a demand is made of; its key means the same in every statement.
public struct Addressee: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var key: String
    public var name: String
    public var kind: AddresseeKind

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let key = Column(CodingKeys.key)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
