import GRDB

/// A signature's support for one of its statement's demands.
public struct Endorsement: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public var signatureId: Int64
    public var demandId: Int64

    /// The table's columns.
    public enum Columns {
        static let signatureId = Column(CodingKeys.signatureId)
        static let demandId = Column(CodingKeys.demandId)
    }
}
