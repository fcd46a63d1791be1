import GRDB

/// The verified signatures of one statement, counted and read in the order a page in
/// `language` lists them: by group (`group-by`), then by sort name, with SQLite sorting.
///
/// Counts and groups come from aggregate queries; the rows themselves are read a chunk at
/// a time in order, so a list of any length is never held whole.
struct SignatoryOrder {
    let statementId: Int64
    let language: String
    let groupBy: GroupBy
    /// The page's words, for group headings (kinds and country names).
    let strings: SiteStrings

    /// How many there are and under which headings, before any row is read.
    struct Outline: Sendable {
        /// Named signatories.
        var named = 0
        /// Verified signatories that must not be named.
        var unnamed = 0
        /// Countries among the named ones.
        var countries = 0
        /// Each group's heading ("" for `none`) and how many rows it has, in page order.
        var groups: [(heading: String, count: Int)] = []
    }

    /// The groups' rank, as an SQL expression over `o` (organisation), with its arguments,
    /// and the heading of each rank; the rows of a group are together once sorted by rank.
    /// With one heading there is nothing to rank, and the expression is not to be used.
    private func ranks(_ db: Database) throws -> (sql: String, arguments: StatementArguments, headings: [String]) {
        switch groupBy {
        case .none:
            return ("0", [], [""])
        case .kind:
            let kinds = OrganisationKind.allCases
            let other = kinds.firstIndex(of: .other) ?? kinds.count
            let cases = kinds.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ")
            return ("CASE o.kind \(cases) ELSE \(other) END", StatementArguments(kinds.map(\.rawValue)),
                    kinds.map { strings.kind($0.rawValue) })
        case .country:
            let codes = try String.fetchAll(db, sql: """
                SELECT DISTINCT o.country FROM signature g JOIN organisation o ON o.id = g.organisationId
                WHERE g.statementId = ? AND g.status = 'verified' AND g.unnamed = 0 AND o.country <> ''
                ORDER BY o.country
                """, arguments: [statementId])
            let known = Collation(language: language).sorted(codes.map { (code: $0, name: strings.countryName($0)) }, by: \.name)
            let cases = known.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ")
            return ("CASE o.country \(cases) ELSE \(known.count) END",
                    StatementArguments(known.map(\.code)), known.map(\.name) + [strings.text("no-country")])
        }
    }

    /// The counts and groups.
    func outline(_ db: Database) throws -> Outline {
        var outline = Outline()
        let counts = try Row.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE g.unnamed = 0), count(*) FILTER (WHERE g.unnamed = 1),
                   count(DISTINCT o.country) FILTER (WHERE g.unnamed = 0)
            FROM signature g JOIN organisation o ON o.id = g.organisationId
            WHERE g.statementId = ? AND g.status = 'verified'
            """, arguments: [statementId])
        outline.named = counts?[0] ?? 0
        outline.unnamed = counts?[1] ?? 0
        outline.countries = counts?[2] ?? 0
        let ranks = try ranks(db)
        guard ranks.headings.count > 1 else {
            if groupBy == .none || outline.named > 0 { outline.groups = [(ranks.headings[0], outline.named)] }
            return outline
        }
        let sizes = try Row.fetchAll(db, sql: """
            SELECT \(ranks.sql) AS rank, count(*) FROM signature g JOIN organisation o ON o.id = g.organisationId
            WHERE g.statementId = ? AND g.status = 'verified' AND g.unnamed = 0
            GROUP BY rank ORDER BY rank
            """, arguments: ranks.arguments + [statementId])
        for size in sizes {
            let rank: Int = size[0]
            guard rank < ranks.headings.count else { continue }
            outline.groups.append((ranks.headings[rank], size[1]))
        }
        return outline
    }

    /// What to read with each signature besides its public fields.
    struct Extras: OptionSet {
        let rawValue: Int
        /// The demands it endorses (`endorsed`), given `demands` to number them.
        static let endorsements = Extras(rawValue: 1)
    }

    /// Reads the named signatures in page order: call the result for the next `count`
    /// rows, until it returns none. `demands` numbers the endorsed demands; `pages` gives
    /// each organisation's page on the site.
    ///
    /// The endorsements are read for each chunk once it is sorted, by signature id, rather
    /// than by a subquery in the sorted query: SQLite would run that for every row before
    /// the first can be written, while now it runs as the previous chunk is rendered.
    func rows(
        _ db: Database, extras: Extras = [], demands: [DemandInfo] = [], pages: SiteOrganisations? = nil
    ) throws -> (Int) throws -> [PublicSignature] {
        Collation.register(in: db)
        let ranks = try ranks(db)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT g.organisationId, o.name, o.sortName, o.shortName, o.country, o.website, o.kind,
                   g.person, g.personTitle, g.signedAt, v.number AS version, g.onBehalf, g.id
            FROM signature g JOIN organisation o ON o.id = g.organisationId
            JOIN statementVersion v ON v.id = g.versionId
            WHERE g.statementId = ? AND g.status = 'verified' AND g.unnamed = 0
            ORDER BY \(ranks.headings.count > 1 ? ranks.sql + "," : "") jointly_sort_key(?, o.sortName), g.id
            """, arguments: [statementId] + ranks.arguments + [language])
        var demandIndex: [Int64: Int] = [:]
        for (index, demand) in demands.enumerated() { demandIndex[demand.id] = index }
        return { count in
            var signatures: [PublicSignature] = []
            var ids: [Int64] = []
            signatures.reserveCapacity(count)
            while signatures.count < count, let row = try cursor.next() {
                signatures.append(PublicSignature(
                    organisationId: row[0], name: row[1], sortName: row[2], shortName: row[3], country: row[4],
                    website: row[5], kind: row[6], person: row[7], title: row[8], signedAt: row[9],
                    version: row[10], onBehalf: row[11], endorsed: DemandSet(), page: pages?.slug(row[0])))
                ids.append(row[12])
            }
            if extras.contains(.endorsements) {
                try Self.readEndorsements(db, ids: ids, demandIndex: demandIndex, into: &signatures)
            }
            return signatures
        }
    }

    /// Sets the endorsements of `signatures`, whose ids are `ids`.
    private static func readEndorsements(
        _ db: Database, ids: [Int64], demandIndex: [Int64: Int], into signatures: inout [PublicSignature]
    ) throws {
        var position: [Int64: Int] = [:]
        position.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() { position[id] = index }
        // Well under SQLite's limit of 32,766 parameters a statement.
        for start in stride(from: 0, to: ids.count, by: 8_192) {
            let batch = Array(ids[start..<min(ids.count, start + 8_192)])
            let endorsements = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT signatureId, demandId FROM endorsement
                WHERE signatureId IN (\(repeatElement("?", count: batch.count).joined(separator: ",")))
                """), arguments: StatementArguments(batch))
            while let row = try endorsements.next() {
                if let index = position[row[0]], let demand = demandIndex[row[1]] { signatures[index].endorsed.insert(demand) }
            }
        }
    }
}
