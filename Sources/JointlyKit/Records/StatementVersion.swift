import GRDB

/// One distinct text a statement has had in one language; what signatories agreed to.
public struct StatementVersion: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var language: String
    public var number: Int
    public var translatesVersion: Int?
    public var title: String
    public var body: String
    public var textHash: String
    public var changeNote: String?
    public var createdAt: String

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let statementId = Column(CodingKeys.statementId)
        static let language = Column(CodingKeys.language)
        static let number = Column(CodingKeys.number)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
