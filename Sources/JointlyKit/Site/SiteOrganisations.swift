import Dispatch
import GRDB

/// The organisations named on the site and the slugs of their pages.
///
/// A site of a million signatories has a million organisation pages, and every statement
/// page links them. The names are read as bytes, and the slugs worked out on one thread in
/// the background while the build's thread goes on (SQLite sorts the first statement's
/// list meanwhile, on the other core: slugs made on both cores took that core from the
/// sort), and kept as bytes, not strings: ids in order and buffers of slugs. The organisation and
/// demand pages read them from a temporary table (`store(_:)`), which a build of the
/// statements alone never needs.
final class SiteOrganisations: @unchecked Sendable {
    /// The temporary table `store(_:)` fills: `organisationId`, `slug`.
    static let table = "siteOrganisation"

    /// An organisation's page from the site root.
    static func path(_ slug: String) -> String {
        "organisations/\(slug).html"
    }

    /// Where a signature is named on the site: verified, named, on a statement on the site.
    static let namedOnSite = """
        g.status = 'verified' AND g.unnamed = 0
        AND g.statementId IN (SELECT id FROM statement WHERE \(Statement.isPublicSQL))
        """

    /// The organisations, ascending.
    private let ids: [Int64]
    /// Their slugs, `slugsPerPart` to a part (no copy of a million slugs into one buffer).
    private var slugs: [ByteStrings] = []
    private static let slugsPerPart = 1_024
    private let done = DispatchGroup()
    /// Whether `done` has been waited for (on the build's thread, the only one that asks).
    private var ready = false

    /// Reads every organisation named on the site and starts working out the slug of each,
    /// as `OrganisationSlugs` assigns them (in id order, the lower id keeping the plain slug).
    static func start(_ db: Database) throws -> SiteOrganisations {
        var ids: [Int64] = []
        var names = ByteStrings()
        var countries: [UInt16] = []
        try BulkRead(db, sql: """
            SELECT o.id, o.name, o.country FROM organisation o
            WHERE o.id IN (SELECT g.organisationId FROM signature g WHERE \(namedOnSite))
            ORDER BY o.id
            """).forEach { row in
            ids.append(row.int64(0))
            row.withText(1) { names.append(bytes: $0) }
            countries.append(row.withText(2) { Country.code($0) })
        }
        let organisations = SiteOrganisations(ids: ids)
        let read = (names: names, countries: countries)
        DispatchQueue.global().async(group: organisations.done) {
            organisations.assign(names: read.names, countries: read.countries)
        }
        return organisations
    }

    private init(ids: [Int64]) {
        self.ids = ids
    }

    /// The slug of organisation `id`'s page; nil for an organisation not named on the site.
    /// The first call waits for the slugs.
    func slug(_ id: Int64) -> String? {
        waitForSlugs()
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        guard low < ids.count, ids[low] == id else { return nil }
        return slugs[low / Self.slugsPerPart][low % Self.slugsPerPart]
    }

    /// Fills the temporary table with every organisation and its slug.
    func store(_ db: Database) throws {
        waitForSlugs()
        try db.execute(sql: "CREATE TEMP TABLE \(Self.table) (organisationId INTEGER PRIMARY KEY, slug TEXT NOT NULL)")
        let insert = try BulkInsert(db, sql: "INSERT INTO temp.\(Self.table) (organisationId, slug) VALUES (?1, ?2)")
        for (index, id) in ids.enumerated() {
            insert.bind(id, at: 1)
            insert.bind(slugs[index / Self.slugsPerPart][index % Self.slugsPerPart], at: 2)
            try insert.execute()
        }
    }

    private func waitForSlugs() {
        guard !ready else { return }
        done.wait()
        ready = true
    }

    /// Reads the organisation pages' paths in byte order from the table `store(_:)` filled:
    /// call the result for the next, until nil.
    static func pages(_ db: Database) throws -> () throws -> String? {
        let paths = try String.fetchCursor(db, sql: "SELECT 'organisations/' || slug || '.html' FROM \(table) ORDER BY 1")
        return { try paths.next() }
    }

    /// Gives each organisation its plain slug; only if two plain slugs
    /// are the same can any organisation need another (an earlier one must have taken its
    /// plain slug), and then the slugs are assigned again one by one.
    private func assign(names: ByteStrings, countries: [UInt16]) {
        let ids = self.ids
        let size = Self.slugsPerPart
        var parts: [ByteStrings] = []
        for (index, id) in ids.enumerated() {
            if index % size == 0 { parts.append(ByteStrings()) }
            parts[parts.count - 1].append(OrganisationSlugs.slug(id: id, name: names[index], country: nil) { _ in false })
        }
        // Two equal slugs have equal hashes: with no hash seen twice, no slug is.
        var hashes = Set<Int>(minimumCapacity: ids.count)
        let clash = parts.contains { part in (0..<part.count).contains { !hashes.insert(part.hash(at: $0)).inserted } }
        guard clash else { return slugs = parts }
        var taken = Set<String>(minimumCapacity: ids.count)
        parts = []
        for (index, id) in ids.enumerated() {
            if index % size == 0 { parts.append(ByteStrings()) }
            let slug = OrganisationSlugs.slug(id: id, name: names[index], country: Country.name(countries[index])) { taken.contains($0) }
            taken.insert(slug)
            parts[parts.count - 1].append(slug)
        }
        slugs = parts
    }

    /// A country code in two bytes (0 for none), so a million take 2 MB.
    private enum Country {
        /// `bytes` as SQLite holds the country (empty for none; the schema allows only two capitals).
        static func code(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
            bytes.count == 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
        }

        static func name(_ code: UInt16) -> String? {
            code == 0 ? nil : String(decoding: [UInt8(code >> 8), UInt8(code & 0xFF)], as: UTF8.self)
        }
    }
}

/// Strings kept as one buffer of UTF-8 and where each ends: a million slugs without a
/// million allocations.
struct ByteStrings {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes` (the next starts there).
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(UInt32(bytes.count))
    }

    /// Appends a string given as its UTF-8 bytes.
    mutating func append(bytes text: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: text)
        ends.append(UInt32(bytes.count))
    }

    subscript(index: Int) -> String {
        bytes[range(index)].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The hash of string `index`'s bytes.
    func hash(at index: Int) -> Int {
        var hasher = Hasher()
        bytes[range(index)].withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }
}
