import GRDB

/// A signature that an edition published: the edition's list, row by row.
public struct PublishedSignature: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public var publicationId: Int64
    public var signatureId: Int64

    /// The table's columns.
    public enum Columns {
        static let publicationId = Column(CodingKeys.publicationId)
        static let signatureId = Column(CodingKeys.signatureId)
    }
}
