import GRDB

/// What the pages of one statement need from the database, read once for all its languages.
struct StatementData: Sendable {
    /// The statement.
    var statement: Statement
    /// The newest version in the authoritative language.
    var current: StatementVersion
    /// The newest version in each language: the authoritative one first, then translations by tag.
    var editions: [StatementVersion]
    /// Every edition published, oldest first.
    var publications: [Publication]
    /// The statement's demands in order, with their addressees.
    var demands: [DemandInfo]
    /// Demand texts by version id, then by demand id.
    var demandTexts: [Int64: [Int64: String]]
    /// What translations call the addressees: by language, then by addressee key.
    var addresseeNames: [String: [String: String]] = [:]

    /// The edition in `language`, or nil.
    func edition(language: String) -> StatementVersion? {
        editions.first { $0.language == language }
    }

    /// The languages the statement has a text in, the authoritative one first.
    var languages: [String] { editions.map(\.language) }

    /// The day of the first edition, or nil before publication.
    var firstPublished: String? { publications.first?.publishedOn }
}

/// One demand of a statement with its addressee.
struct DemandInfo: Sendable {
    var id: Int64
    var key: String
    var addresseeKey: String
    var addresseeName: String
    var addresseeKind: String
}

/// A verified, named signature with the public fields of its organisation; never contact details.
struct PublicSignature: Sendable {
    var organisationId: Int64
    var name: String
    var sortName: String
    var shortName: String?
    var country: String?
    var website: String?
    var kind: String?
    var person: String?
    var title: String?
    var signedAt: String
    /// The number of the version it was given on.
    var version: Int
    /// Signed for the organisation, rather than naming it as an affiliation only.
    var onBehalf: Bool
    /// Indices into the statement's `demands` it endorses.
    var endorsed: DemandSet
    /// The slug of its organisation's page on the site, when read for the site.
    var page: String?
}

/// A small set of demand indices: a bit mask for the first 64, a list beyond.
struct DemandSet: Sendable, Equatable {
    var low: UInt64 = 0
    var high: [Int] = []

    mutating func insert(_ index: Int) {
        if index < 64 { low |= 1 << UInt64(index) } else { high.append(index) }
    }

    func contains(_ index: Int) -> Bool {
        index < 64 ? low & (1 << UInt64(index)) != 0 : high.contains(index)
    }
}

extension StatementData {
    /// Reads statement `statement` with its versions, editions and demands; its signatures
    /// are read in page order by `SignatoryOrder`, a chunk at a time.
    static func load(_ db: Database, statement: Statement) throws -> StatementData {
        let statementId = try statement.requireId()
        let current = try StatementVersion.requireCurrent(db, statementId: statementId, slug: statement.slug)
        let newest = try StatementVersion.fetchAll(db, sql: """
            SELECT v.* FROM statementVersion v
            WHERE v.statementId = ? AND v.number = (SELECT max(number) FROM statementVersion w
                                                    WHERE w.statementId = v.statementId AND w.language = v.language)
            ORDER BY v.language
            """, arguments: [statementId])
        let editions = [current] + newest.filter { $0.language != statement.language }
        let publications = try Publication.fetchAll(db, sql: """
            SELECT * FROM publication WHERE statementId = ? ORDER BY edition
            """, arguments: [statementId])

        let demands = try Row.fetchAll(db, sql: """
            SELECT d.id, d.key, a.key AS addresseeKey, a.name AS addressee, a.kind
            FROM demand d JOIN addressee a ON a.id = d.addresseeId
            WHERE d.statementId = ? ORDER BY d.position
            """, arguments: [statementId]).map { row in
            DemandInfo(id: row["id"], key: row["key"], addresseeKey: row["addresseeKey"],
                       addresseeName: row["addressee"], addresseeKind: row["kind"])
        }

        var demandTexts: [Int64: [Int64: String]] = [:]
        for edition in editions {
            let versionId = try edition.requireId()
            for row in try Row.fetchAll(db, sql: "SELECT demandId, text FROM demandText WHERE versionId = ?", arguments: [versionId]) {
                demandTexts[versionId, default: [:]][row["demandId"]] = row["text"]
            }
        }

        var addresseeNames: [String: [String: String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT n.language, a.key, n.name FROM addresseeName n JOIN addressee a ON a.id = n.addresseeId
            WHERE n.statementId = ?
            """, arguments: [statementId]) {
            addresseeNames[row["language"], default: [:]][row["key"]] = row["name"]
        }

        return StatementData(
            statement: statement, current: current, editions: editions, publications: publications,
            demands: demands, demandTexts: demandTexts, addresseeNames: addresseeNames)
    }
}
