/// A record whose row id is known once it is stored.
protocol StoredRecord {
    var id: Int64? { get }
}

extension StoredRecord {
    /// The row id; a record read from the database always has one.
    func requireId() throws -> Int64 {
        guard let id else { throw JointlyError.database("a \(Self.self) record was used before it was stored") }
        return id
    }
}

extension Statement: StoredRecord {}
extension StatementVersion: StoredRecord {}
extension Addressee: StoredRecord {}
extension Demand: StoredRecord {}
extension Organisation: StoredRecord {}
extension Signature: StoredRecord {}
extension ImportBatch: StoredRecord {}
extension Event: StoredRecord {}
extension Publication: StoredRecord {}
