import GRDB

/// One run of `jointly import`: the signatures it added can be listed and undone together.
public struct ImportBatch: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var fileName: String
    public var rowCount: Int
    public var actor: String
    public var createdAt: String
    /// When `jointly batch undo` removed what the batch added; nil while it stands.
    public var undoneAt: String?
    /// Whether the batch recorded what it changed of rows it did not add (v10 and later), so
    /// that `batch undo` puts those back.
    public var keepsEarlierValues = true

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let statementId = Column(CodingKeys.statementId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
