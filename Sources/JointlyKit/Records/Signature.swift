import GRDB

/// An organisation signing one statement, with who signed and where it stands.
public struct Signature: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var statementId: Int64
    public var organisationId: Int64
    public var versionId: Int64
    public var status: SignatureStatus
    public var person: String?
    public var personTitle: String?
    public var onBehalf: Bool
    public var unnamed: Bool
    public var signedAt: String
    public var source: SignatureSource
    public var batchId: Int64?
    public var verificationMethod: VerificationMethod?
    public var verifiedBy: String?
    public var verificationEvidence: String?
    public var verifiedAt: String?
    public var rejectionReason: String?
    public var withdrawnAt: String?
    public var withdrawalReason: String?
    public var createdAt: String
    public var updatedAt: String

    /// The table's columns.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let statementId = Column(CodingKeys.statementId)
        static let organisationId = Column(CodingKeys.organisationId)
        static let status = Column(CodingKeys.status)
        static let unnamed = Column(CodingKeys.unnamed)
        static let batchId = Column(CodingKeys.batchId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Signature {
    static let organisation = belongsTo(Organisation.self)
    static let endorsements = hasMany(Endorsement.self)
}
