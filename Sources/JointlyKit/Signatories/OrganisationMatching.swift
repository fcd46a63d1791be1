import GRDB

/// Finding the organisation a typed name means: by normalised name and country, or an alias.
enum OrganisationMatching {
    /// The ISO code of a country as typed, nil for none, or an error naming the field.
    static func countryCode(_ input: String?) throws -> String? {
        guard let input, !SignatoryInput.trimmingWhitespaces(input).isEmpty else { return nil }
        // A code as stored (an import has already turned names into codes) is itself:
        // what `Countries.code(for:)` returns for it, without its Foundation trimming.
        if input.utf8.count == 2, input.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }), Countries.name(ofCode: input) != nil {
            return input
        }
        guard let code = Countries.code(for: input) else {
            if let codes = Countries.meanings(of: input) { throw twoCountries(input, codes: codes) }
            throw JointlyError.invalidValue(field: "country", value: input, reason: "not an ISO 3166-1 country; use a two-letter code such as GB, RU or US")
        }
        return code
    }

    /// The error for a country name that means two countries ("Congo": CD or CG).
    static func twoCountries(_ input: String, codes: [String]) -> JointlyError {
        let named = codes.map { "\($0) (\(Countries.name(ofCode: $0) ?? $0))" }.joined(separator: " or ")
        return JointlyError.invalidValue(field: "country", value: input, reason: "could be \(named); give the code of the one meant")
    }

    /// The organisation `name` (with `country`, when given) means, or nil if none does.
    ///
    /// With no country, a name that matches organisations in two countries is refused
    /// with both named. With a country, an organisation of that name whose country is
    /// not yet known is taken to be it.
    static func find(_ db: Database, name: String, country: String?, countryOption: String = "--country") throws -> Organisation? {
        guard let id = try findId(db, normalized: Names.normalized(name), name: name, country: country, countryOption: countryOption)
        else { return nil }
        return try Organisation.fetchOne(db, key: id)
    }

    /// The id of the organisation a name already normalised means, by the identity index
    /// (an import matches from the names it holds instead, with the same ``choose(_:name:country:)``).
    static func findId(
        _ db: Database, normalized: String, name: String, country: String?, countryOption: String = "--country"
    ) throws -> Int64? {
        var candidates = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, country FROM organisation WHERE normalizedName = ?"), arguments: [normalized]
        ).map { Candidate(id: $0[0], country: $0[1]) }
        if lookAtAliases(candidates, country: country) { candidates += try aliasCandidates(db, normalized: normalized) }
        return try choose(candidates, name: name, country: country, countryOption: countryOption)
    }

    /// Whether a name's aliases are candidates too: when no organisation has the name, or
    /// none of those that have it can be the row's country ("AI", GB, is Amnesty's alias
    /// even once an "AI" of the US has signed).
    static func lookAtAliases(_ candidates: [Candidate], country: String?) -> Bool {
        guard let country else { return candidates.isEmpty }
        return !candidates.contains { $0.country == country || $0.country == nil }
    }

    /// An organisation a name may mean: its id and country.
    struct Candidate {
        var id: Int64
        var country: String?
    }

    /// The organisations that have `normalized` as an alias.
    static func aliasCandidates(_ db: Database, normalized: String) throws -> [Candidate] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT organisation.id, organisation.country FROM organisation
            JOIN organisationAlias ON organisationAlias.organisationId = organisation.id
            WHERE organisationAlias.normalizedAlias = ?
            """), arguments: [normalized]).map { Candidate(id: $0[0], country: $0[1]) }
    }

    /// Which of the organisations a name matches (by normalised name, else by alias) it
    /// means: with a country, the one of that country, else one whose country is not
    /// known; with none, the only one, and two are refused with their countries named and
    /// `countryOption`, the flag that says which (nil: a row of a file, whose country cell does).
    static func choose(_ candidates: [Candidate], name: String, country: String?, countryOption: String? = "--country") throws -> Int64? {
        if let country {
            return (candidates.first { $0.country == country } ?? candidates.first { $0.country == nil })?.id
        }
        switch candidates.count {
        case 0: return nil
        case 1: return candidates[0].id
        default:
            // One with no country yet is a candidate too, and must be named ("" sorts first).
            throw JointlyError.ambiguousOrganisation(
                name: name, countries: candidates.map { $0.country ?? "" }.sorted(), option: countryOption)
        }
    }

    /// The organisation `name` means, or an error saying there is none.
    ///
    /// `country` is as a person typed it (`gb`, `Germany`); an unknown one is refused.
    /// `countryOption` is the flag that gives it, for the error when the name is ambiguous.
    static func require(_ db: Database, name: String, country: String?, countryOption: String = "--country") throws -> Organisation {
        guard let organisation = try find(db, name: Names.tidy(name), country: try countryCode(country), countryOption: countryOption)
        else {
            // A short name is not an identity (two groups can share an acronym), but it is
            // what people type: say which organisation it belongs to, and how to alias it.
            let byShortName = try owners(db, shortName: Names.tidy(name), limit: 2)
            throw JointlyError.unknownOrganisation(name: Names.tidy(name), shortNameOf: byShortName.count == 1 ? byShortName[0].name : nil)
        }
        return organisation
    }

    /// The organisations (at most `limit`, oldest first) whose short name is `shortName`, in any case.
    static func owners(_ db: Database, shortName: String, limit: Int) throws -> [(name: String, country: String?)] {
        try Row.fetchAll(db, sql: ownersQuery, arguments: [shortName, limit]).map { ($0[0], $0[1]) }
    }

    /// Answered from the partial index `organisation_shortName` (v8): an equality implies its
    /// `shortName IS NOT NULL`, and the index's collation is the comparison's.
    static let ownersQuery = "SELECT name, country FROM organisation WHERE shortName = ? COLLATE NOCASE ORDER BY id LIMIT ?"
}
