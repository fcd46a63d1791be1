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
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE \(table) (organisationId INTEGER PRIMARY KEY, slug TEXT NOT NULL);
            CREATE INDEX temp.\(table)_slug ON \(table)(slug);
            """)
        let taken = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE slug = ?)")
        let insert = try db.makeStatement(sql: "INSERT INTO \(table) (organisationId, slug) VALUES (?, ?)")
        let organisations = try Row.fetchCursor(db, sql: """
            SELECT o.id, o.name, o.country FROM organisation o
            WHERE o.id IN (SELECT g.organisationId FROM signature g WHERE \(namedOnSite))
            ORDER BY o.id
            """)
        while let organisation = try organisations.next() {
            let id: Int64 = organisation[0]
            let slug = try OrganisationSlugs.slug(id: id, name: organisation[1], country: organisation[2]) { slug in
                try Bool.fetchOne(taken, arguments: [slug]) ?? false
            }
            try insert.execute(arguments: [id, slug])
        }
    }
}
