import Foundation
import GRDB

/// A signature that existed before an import and that the import changed
/// (`--on-duplicate update`): what it was before the first row that changed it, and what the
/// last such row left, so `batch undo` can put it back, and only if nothing changed it since.
public struct BatchSignatureChange: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public var batchId: Int64
    public var signatureId: Int64
    /// A ``SignatureState`` as JSON.
    public var before: String
    /// A ``SignatureState`` as JSON.
    public var after: String

    /// The table's columns.
    public enum Columns {
        static let batchId = Column(CodingKeys.batchId)
        static let signatureId = Column(CodingKeys.signatureId)
    }

    /// Records that batch `batchId` changed the signature from `before` to `after`; a later
    /// row of the same batch changing it again moves `after` and keeps the first `before`.
    static func record(_ db: Database, batchId: Int64, signatureId: Int64, before: SignatureState, after: SignatureState) throws {
        try db.execute(sql: """
            INSERT INTO batchSignatureChange (batchId, signatureId, before, after) VALUES (?, ?, ?, ?)
            ON CONFLICT (batchId, signatureId) DO UPDATE SET after = excluded.after
            """, arguments: [batchId, signatureId, try before.json(), try after.json()])
    }
}

/// What an import may change of a signature it did not add, and `batch undo` puts back.
/// It holds who signed: a privacy command that erases the signer from a signature erases
/// the signature's recorded changes too.
struct SignatureState: Codable, Equatable {
    var status: SignatureStatus
    var person: String?
    var personTitle: String?
    var onBehalf: Bool
    var unnamed: Bool
    var signedAt: String
    var versionId: Int64
    var verifiedAt: String?
    /// The endorsed demands' ids, ascending.
    var demands: [Int64]

    init(_ signature: Signature, demands: [Int64]) {
        status = signature.status
        person = signature.person
        personTitle = signature.personTitle
        onBehalf = signature.onBehalf
        unnamed = signature.unnamed
        signedAt = signature.signedAt
        versionId = signature.versionId
        verifiedAt = signature.verifiedAt
        self.demands = demands.sorted()
    }

    /// The signature's state now.
    init(_ db: Database, signature: Signature) throws {
        let demands = try Int64.fetchAll(db, sql: "SELECT demandId FROM endorsement WHERE signatureId = ?", arguments: [signature.id])
        self.init(signature, demands: demands)
    }

    /// `signature` with this state's values.
    func applied(to signature: Signature) -> Signature {
        var signature = signature
        signature.status = status
        signature.person = person
        signature.personTitle = personTitle
        signature.onBehalf = onBehalf
        signature.unnamed = unnamed
        signature.signedAt = signedAt
        signature.versionId = versionId
        signature.verifiedAt = verifiedAt
        return signature
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    init(json: String) throws {
        self = try JSONDecoder().decode(SignatureState.self, from: Data(json.utf8))
    }
}
