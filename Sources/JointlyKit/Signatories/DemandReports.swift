import GRDB

/// One demand an organisation endorsed, in one statement.
public struct EndorsedDemand: Equatable, Sendable, Encodable {
    public var statement: String
    public var key: String
    public var text: String
    public var addressee: String
}

/// An organisation and every demand it endorsed through a verified signature.
public struct OrganisationDemands: Equatable, Sendable, Encodable {
    public var organisation: String
    public var demands: [EndorsedDemand]
    var country: String?

    enum CodingKeys: String, CodingKey { case organisation, demands }
}

extension AppDatabase {
    /// The demands of statement `slug`'s current version, with verified endorsement counts.
    public func demands(slug: String) throws -> [DemandEntry] {
        try statementDetail(slug: slug).demands
    }

    /// For each organisation, every demand it endorses through a verified, named signature.
    ///
    /// Across all statements, or one (`slug`); one organisation with `organisation`.
    /// Unnamed signatures are left out: this answers who made a demand, and an unnamed
    /// signatory must never be named. The text is the one the organisation signed.
    public func demandsByOrganisation(slug: String? = nil, organisation name: String? = nil, country: String? = nil) throws -> [OrganisationDemands] {
        try read { db in
            var conditions = ["g.status = 'verified'", "g.unnamed = 0"]
            var arguments: StatementArguments = []
            if let slug {
                let statement = try Statement.require(db, slug: slug)
                conditions.append("g.statementId = ?")
                arguments += [statement.id]
            }
            if let name {
                let organisation = try OrganisationMatching.require(db, name: name, country: country)
                conditions.append("o.id = ?")
                arguments += [organisation.id]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.id AS organisationId, o.name, o.sortName, o.country, s.slug, s.date, d.key, a.name AS addressee,
                       coalesce(
                           (SELECT text FROM demandText WHERE demandId = d.id AND versionId = g.versionId),
                           (SELECT t.text FROM demandText t JOIN statementVersion v ON v.id = t.versionId
                            WHERE t.demandId = d.id AND v.language = s.language ORDER BY v.number DESC LIMIT 1)
                       ) AS text
                FROM endorsement e
                JOIN signature g ON g.id = e.signatureId
                JOIN organisation o ON o.id = g.organisationId
                JOIN statement s ON s.id = g.statementId
                JOIN demand d ON d.id = e.demandId
                JOIN addressee a ON a.id = d.addresseeId
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY s.date, s.slug, d.position
                """, arguments: arguments)
            var order: [Int64] = []
            var groups: [Int64: (sortName: String, entry: OrganisationDemands)] = [:]
            for row in rows {
                let id: Int64 = row["organisationId"]
                let demand = EndorsedDemand(statement: row["slug"], key: row["key"], text: row["text"] ?? "", addressee: row["addressee"])
                if groups[id] == nil {
                    order.append(id)
                    groups[id] = (row["sortName"], OrganisationDemands(organisation: row["name"], demands: [], country: row["country"]))
                }
                groups[id]?.entry.demands.append(demand)
            }
            let collation = Collation(language: "en")
            return collation.sorted(order.compactMap { groups[$0] }, by: \.sortName).map(\.entry)
        }
    }
}
