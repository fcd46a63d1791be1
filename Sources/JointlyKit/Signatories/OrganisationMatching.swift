import GRDB

/// Finding the organisation a typed name means: by normalised name and country, or an alias.
enum OrganisationMatching {
    /// The ISO code of a country as typed, nil for none, or an error naming the field.
    static func countryCode(_ input: String?) throws -> String? {
        guard let input, !input.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let code = Countries.code(for: input) else {
            throw JointlyError.invalidValue(field: "country", value: input, reason: "not an ISO 3166-1 country; use a two-letter code such as GB, RU or US")
        }
        return code
    }

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
    ///
    /// `country` is as a person typed it (`gb`, `Germany`); an unknown one is refused.
    static func require(_ db: Database, name: String, country: String?) throws -> Organisation {
        guard let organisation = try find(db, name: Names.tidy(name), country: try countryCode(country)) else {
            throw JointlyError.unknownOrganisation(name: Names.tidy(name))
        }
        return organisation
    }
}
