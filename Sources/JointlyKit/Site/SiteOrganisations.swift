import GRDB

/// The organisations named on the site and the slugs of their pages, in a temporary
/// table of the build's connection rather than in memory: a site of a million
/// signatories has a million organisation pages, and every statement page links them.
enum SiteOrganisations {
    /// The temporary table: `organisationId`, `slug`.
    static let table = "siteOrganisation"

    /// An organisation's page from the site root.
    static func path(_ slug: String) -> String {
        "organisations/\(slug).html"
    }

    /// Where a signature is named on the site: verified, named, on a published or closed statement.
    static let namedOnSite = """
        g.status = 'verified' AND g.unnamed = 0
        AND g.statementId IN (SELECT id FROM statement WHERE status IN ('published', 'closed'))
        """

    /// Creates the table for every organisation named on the site, each slug as
    /// `OrganisationSlugs` assigns it (in id order, the lower id keeping the plain slug).
    ///
    /// Each organisation first gets its plain slug, in one statement. Only if two plain
    /// slugs are the same can any organisation need another (an earlier one must have
    /// taken its plain slug), and then the slugs are assigned again one by one.
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE \(table) (organisationId INTEGER PRIMARY KEY, slug TEXT NOT NULL);
            CREATE INDEX temp.\(table)_slug ON \(table)(slug);
            """)
        db.add(function: plainSlug)
        let named = """
            SELECT o.id, o.name, o.country FROM organisation o
            WHERE o.id IN (SELECT g.organisationId FROM signature g WHERE \(namedOnSite))
            ORDER BY o.id
            """
        try db.execute(sql: "INSERT INTO \(table) (organisationId, slug) SELECT id, jointly_slug(id, name) FROM (\(named))")
        let clash = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) GROUP BY slug HAVING count(*) > 1)") ?? false
        guard clash else { return }
        try db.execute(sql: "DELETE FROM \(table)")
        let taken = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE slug = ?)")
        let insert = try db.makeStatement(sql: "INSERT INTO \(table) (organisationId, slug) VALUES (?, ?)")
        let organisations = try Row.fetchCursor(db, sql: named)
        while let organisation = try organisations.next() {
            let id: Int64 = organisation[0]
            let slug = try OrganisationSlugs.slug(id: id, name: organisation[1], country: organisation[2]) { slug in
                try Bool.fetchOne(taken, arguments: [slug]) ?? false
            }
            try insert.execute(arguments: [id, slug])
        }
    }

    /// Reads the organisation pages' paths in byte order: call the result for the next, until nil.
    static func pages(_ db: Database) throws -> () throws -> String? {
        let paths = try String.fetchCursor(db, sql: "SELECT 'organisations/' || slug || '.html' FROM \(table) ORDER BY 1")
        return { try paths.next() }
    }

    /// `jointly_slug(id, name)`: an organisation's slug when no other takes it first.
    private static let plainSlug = DatabaseFunction("jointly_slug", argumentCount: 2, pure: true) { values in
        let id = Int64.fromDatabaseValue(values[0]) ?? 0
        return OrganisationSlugs.slug(id: id, name: String.fromDatabaseValue(values[1]) ?? "", country: nil) { _ in false }
    }
}
