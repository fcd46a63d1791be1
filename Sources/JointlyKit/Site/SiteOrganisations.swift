import Dispatch
import GRDB

/// The organisations named on the site and the slugs of their pages.
///
/// A site of a million signatories has a million organisation pages, and every statement
/// page links them. The slugs are worked out on both cores in the background while the
/// build's connection goes on (SQLite sorts the first statement's list meanwhile), and
/// kept as bytes, not strings: ids in order and one buffer of slugs. The organisation and
/// demand pages read them from a temporary table (`store(_:)`), which a build of the
/// statements alone never needs.
final class SiteOrganisations: @unchecked Sendable {
    /// The temporary table `store(_:)` fills: `organisationId`, `slug`.
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

    /// The organisations, ascending.
    private let ids: [Int64]
    /// Their names, then (once worked out) their slugs.
    private var names: ByteStrings
    private var countries: [String?]
    private var slugs = ByteStrings()
    private let done = DispatchGroup()
    private var finished = false

    /// Reads every organisation named on the site and starts working out the slug of each,
    /// as `OrganisationSlugs` assigns them (in id order, the lower id keeping the plain slug).
    static func start(_ db: Database) throws -> SiteOrganisations {
        var ids: [Int64] = []
        var names = ByteStrings()
        var countries: [String?] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT o.id, o.name, o.country FROM organisation o
            WHERE o.id IN (SELECT g.organisationId FROM signature g WHERE \(namedOnSite))
            ORDER BY o.id
            """)
        while let row = try rows.next() {
            ids.append(row[0])
            names.append(row[1] as String)
            countries.append(row[2])
        }
        let organisations = SiteOrganisations(ids: ids, names: names, countries: countries)
        DispatchQueue.global().async(group: organisations.done) { organisations.plainSlugs() }
        return organisations
    }

    private init(ids: [Int64], names: ByteStrings, countries: [String?]) {
        self.ids = ids
        self.names = names
        self.countries = countries
    }

    /// The slug of organisation `id`'s page; nil for an organisation not named on the site.
    func slug(_ id: Int64) -> String? {
        finish()
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        guard low < ids.count, ids[low] == id else { return nil }
        return slugs[low]
    }

    /// Fills the temporary table with every organisation and its slug.
    func store(_ db: Database) throws {
        finish()
        try db.execute(sql: "CREATE TEMP TABLE \(Self.table) (organisationId INTEGER PRIMARY KEY, slug TEXT NOT NULL)")
        let insert = try BulkInsert(db, sql: "INSERT INTO temp.\(Self.table) (organisationId, slug) VALUES (?1, ?2)")
        for (index, id) in ids.enumerated() {
            insert.bind(id, at: 1)
            insert.bind(slugs[index], at: 2)
            try insert.execute()
        }
    }

    /// Reads the organisation pages' paths in byte order from the table `store(_:)` filled:
    /// call the result for the next, until nil.
    static func pages(_ db: Database) throws -> () throws -> String? {
        let paths = try String.fetchCursor(db, sql: "SELECT 'organisations/' || slug || '.html' FROM \(table) ORDER BY 1")
        return { try paths.next() }
    }

    /// Waits for the slugs; the first time, assigns them one by one if two plain slugs clash.
    private func finish() {
        guard !finished else { return }
        done.wait()
        finished = true
        if hasClash() { assignInOrder() }
        names = ByteStrings()
        countries = []
    }

    /// Each organisation's slug when no other takes it first, made on every core.
    private func plainSlugs() {
        let pieceSize = 1_024
        let pieces = (ids.count + pieceSize - 1) / pieceSize
        var parts = [ByteStrings](repeating: ByteStrings(), count: pieces)
        let (ids, names) = (self.ids, self.names)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                var part = ByteStrings()
                for index in (piece * pieceSize)..<min(names.count, (piece + 1) * pieceSize) {
                    part.append(OrganisationSlugs.slug(id: ids[index], name: names[index], country: nil) { _ in false })
                }
                buffer[piece] = part
            }
        }
        var slugs = ByteStrings()
        for part in parts { slugs.append(contentsOf: part) }
        self.slugs = slugs
    }

    /// Whether two plain slugs may be the same (two equal slugs have equal hashes).
    private func hasClash() -> Bool {
        var hashes = Set<Int>(minimumCapacity: slugs.count)
        for index in 0..<slugs.count where !hashes.insert(slugs.hash(at: index)).inserted { return true }
        return false
    }

    /// The slugs assigned in id order, each organisation's the first free one.
    private func assignInOrder() {
        var taken = Set<String>(minimumCapacity: ids.count)
        var slugs = ByteStrings()
        for (index, id) in ids.enumerated() {
            let slug = OrganisationSlugs.slug(id: id, name: names[index], country: countries[index]) { taken.contains($0) }
            taken.insert(slug)
            slugs.append(slug)
        }
        self.slugs = slugs
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

    mutating func append(contentsOf other: ByteStrings) {
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
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
