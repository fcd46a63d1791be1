import GRDB

/// Private contact details of an organisation or a signatory; never in public output.
public struct Contact: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var organisationId: Int64
    public var signatureId: Int64?
    public var email: String?
    public var phone: String?
    public var note: String?
    public var createdAt: String
    /// The import that stored it, if one did (`batch undo` removes it with the batch).
    public var batchId: Int64?

    /// The table's columns.
    public enum Columns {
        static let organisationId = Column(CodingKeys.organisationId)
        static let signatureId = Column(CodingKeys.signatureId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
