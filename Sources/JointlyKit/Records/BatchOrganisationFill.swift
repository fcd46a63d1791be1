import Foundation
import GRDB

/// Details an import filled in for an organisation it did not add (a country, a website the
/// organisation had none of), so `batch undo` can clear them again, each only while it still
/// holds the value the import gave.
public struct BatchOrganisationFill: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public var batchId: Int64
    public var organisationId: Int64
    /// The filled columns and the values given, as a JSON object (``Field`` names as keys).
    public var filled: String

    /// The table's columns.
    public enum Columns {
        static let batchId = Column(CodingKeys.batchId)
        static let organisationId = Column(CodingKeys.organisationId)
    }

    /// The organisation columns an import fills in when blank.
    enum Field: String, CaseIterable, Codable {
        case country, website, kind, shortName
    }

    /// The fields of `after` that `before` did not have.
    static func filledFields(before: Organisation, after: Organisation) -> [String: String] {
        var fields: [String: String] = [:]
        if before.country == nil, let value = after.country { fields[Field.country.rawValue] = value }
        if before.website == nil, let value = after.website { fields[Field.website.rawValue] = value }
        if before.kind == nil, let value = after.kind { fields[Field.kind.rawValue] = value.rawValue }
        if before.shortName == nil, let value = after.shortName { fields[Field.shortName.rawValue] = value }
        return fields
    }

    /// Records that batch `batchId` filled `fields` in; a later row of the same batch
    /// filling another blank adds to the record.
    static func record(_ db: Database, batchId: Int64, organisationId: Int64, fields: [String: String]) throws {
        guard !fields.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(fields), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO batchOrganisationFill (batchId, organisationId, filled) VALUES (?, ?, ?)
            ON CONFLICT (batchId, organisationId) DO UPDATE SET filled = json_patch(filled, excluded.filled)
            """, arguments: [batchId, organisationId, json])
    }

    /// The filled fields and their values.
    func fields() throws -> [Field: String] {
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(filled.utf8))
        var fields: [Field: String] = [:]
        for (name, value) in decoded {
            guard let field = Field(rawValue: name) else {
                throw JointlyError.database("batch \(batchId) recorded an unknown organisation field '\(name)'")
            }
            fields[field] = value
        }
        return fields
    }
}
