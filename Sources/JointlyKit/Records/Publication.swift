import GRDB

/// One edition of a published statement: what was public, when, and its fingerprints.
public struct Publication: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var versionId: Int64
    public var edition: Int
    public var publishedOn: String
    public var signatoryCount: Int
    /// JSON array of the organisations that joined since the previous edition.
    public var joined: String
    /// JSON array of the organisations that left since the previous edition.
    public var left: String
    public var listHash: String
    public var textHash: String
    public var chainHead: String
    public var createdAt: String
    /// Whether `publishedSignature` holds this edition's list exactly as published. Always
    /// so since v9; an edition published before it whose list could not be rebuilt (an
    /// organisation renamed or merged in between) keeps today's names, and says so.
    public var namesKept: Bool = true

    /// The table's columns.
    public enum Columns {
        static let statementId = Column(CodingKeys.statementId)
        static let edition = Column(CodingKeys.edition)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
