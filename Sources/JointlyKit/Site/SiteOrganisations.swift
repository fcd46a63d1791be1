import Dispatch
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
    /// Each organisation first gets its plain slug, made on every core. Only if two plain
    /// slugs are the same can any organisation need another (an earlier one must have
    /// taken its plain slug), and then the slugs are assigned again one by one.
    static func create(_ db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE \(table) (organisationId INTEGER PRIMARY KEY, slug TEXT NOT NULL)")
        let named = """
            SELECT o.id, o.name, o.country FROM organisation o
            WHERE o.id IN (SELECT g.organisationId FROM signature g WHERE \(namedOnSite))
            ORDER BY o.id
            """
        // Plain slugs a chunk at a time, made on every core: slugs are most of this step.
        let insertPlain = try BulkInsert(db, sql: "INSERT INTO temp.\(table) (organisationId, slug) VALUES (?1, ?2)")
        let everyNamed = try Row.fetchCursor(db, sql: "SELECT id, name FROM (\(named))")
        var chunk: [(id: Int64, name: String)] = []
        chunk.reserveCapacity(chunkSize)
        // Two equal slugs have equal hashes: with no hash seen twice, no slug is.
        var hashes = Set<Int>()
        var maybeClash = false
        repeat {
            chunk.removeAll(keepingCapacity: true)
            while chunk.count < chunkSize, let row = try everyNamed.next() { chunk.append((row[0], row[1])) }
            for (organisation, slug) in zip(chunk, plainSlugs(chunk)) {
                if !maybeClash && !hashes.insert(slug.utf8HashValue).inserted { maybeClash = true }
                insertPlain.bind(organisation.id, at: 1)
                insertPlain.bind(slug, at: 2)
                try insertPlain.execute()
            }
        } while chunk.count == chunkSize
        guard maybeClash else { return }
        // One sort after the inserts, rather than an index kept up row by row.
        try db.execute(sql: "CREATE INDEX temp.\(table)_slug ON \(table)(slug)")
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

    /// Organisations per chunk of `create`.
    private static let chunkSize = 8_192

    /// Each organisation's slug when no other takes it first, made on every core.
    private static func plainSlugs(_ organisations: [(id: Int64, name: String)]) -> [String] {
        let pieceSize = 1_024
        let pieces = (organisations.count + pieceSize - 1) / pieceSize
        var slugs = [String](repeating: "", count: organisations.count)
        slugs.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                for index in (piece * pieceSize)..<min(organisations.count, (piece + 1) * pieceSize) {
                    let organisation = organisations[index]
                    buffer[index] = OrganisationSlugs.slug(id: organisation.id, name: organisation.name, country: nil) { _ in false }
                }
            }
        }
        return slugs
    }
}
