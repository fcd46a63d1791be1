import GRDB

/// One run of `jointly import`: the signatures it added can be listed and undone together.
public struct ImportBatch: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var fileName: String
    public var rowCount: Int
    public var actor: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
