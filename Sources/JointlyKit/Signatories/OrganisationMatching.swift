import GRDB

/// Finding the organisation a typed name means: by normalised name and country, or an alias.
enum OrganisationMatching {
    /// The organisation `name` (with `country`, when given) means, or nil if none does.
    ///
    /// With no country, a name that matches organisations in two countries is refused
    /// with both named. With a country, an organisation of that name whose country is
    /// not yet known is taken to be it.
    static func find(_ db: Database, name: String, country: String?) throws -> Organisation? {
        let normalized = Names.normalized(name)
        var candidates = try Organisation
            .filter(Organisation.Columns.normalizedName == normalized)
            .fetchAll(db)
        if candidates.isEmpty {
            candidates = try Organisation.fetchAll(db, sql: """
                SELECT organisation.* FROM organisation
                JOIN organisationAlias ON organisationAlias.organisationId = organisation.id
                WHERE organisationAlias.normalizedAlias = ?
                """, arguments: [normalized])
        }
        if let country {
            return candidates.first { $0.country == country } ?? candidates.first { $0.country == nil }
        }
        switch candidates.count {
        case 0: return nil
        case 1: return candidates[0]
        default:
            throw JointlyError.ambiguousOrganisation(name: name, countries: candidates.compactMap(\.country).sorted())
        }
    }

    /// The organisation `name` means, or an error saying there is none.
    static func require(_ db: Database, name: String, country: String?) throws -> Organisation {
        guard let organisation = try find(db, name: Names.tidy(name), country: country) else {
            throw JointlyError.unknownOrganisation(name: Names.tidy(name))
        }
        return organisation
    }
}
