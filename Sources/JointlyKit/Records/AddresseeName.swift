import GRDB

/// What a statement's translation calls one of its addressees ("Российские власти" for
/// `russia` in Russian). A name, not signed text: a translation changes it in place.
public struct AddresseeName: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var addresseeId: Int64
    public var statementId: Int64
    public var language: String
    public var name: String

    /// The table's columns.
    public enum Columns {
        static let statementId = Column(CodingKeys.statementId)
        static let language = Column(CodingKeys.language)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AddresseeName {
    /// The translated names of a statement's addressees in `language`, by addressee id.
    static func names(statementId: Int64, language: String, _ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT addresseeId, name FROM addresseeName WHERE statementId = ? AND language = ?
            """, arguments: [statementId, language]) {
            names[row["addresseeId"]] = row["name"]
        }
        return names
    }
}
