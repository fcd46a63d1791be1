import GRDB

/// One row of an edition's list, as the edition published it: its place on the page,
/// the signature, and the name and country printed then, so a later rename or merge
/// does not rewrite what an old edition said.
public struct PublishedSignature: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public var publicationId: Int64
    /// 1 for the first row on the page.
    public var position: Int
    public var signatureId: Int64
    public var name: String
    public var country: String?
    /// Listed only in the count of unnamed signatories.
    public var unnamed: Bool

    /// The table's columns.
    public enum Columns {
        static let publicationId = Column(CodingKeys.publicationId)
        static let signatureId = Column(CodingKeys.signatureId)
    }
}
