import Foundation
import GRDB

extension Collation {
    /// `jointly_sort_key(language, name)`: the `Collation` key of `name` for a page in
    /// `language`, as a BLOB that SQLite orders as the keys order.
    ///
    /// `ORDER BY jointly_sort_key(?, o.sortName)` lets SQLite sort a list of any length
    /// (its sorter spills to temporary files) in exactly the order `Collation` gives, so a
    /// page of a million signatories is read in order, a chunk at a time.
    static let sqlFunction = DatabaseFunction("jointly_sort_key", argumentCount: 2, pure: true) { values in
        guard let name = String.fromDatabaseValue(values[1]) else { return nil }
        let language = String.fromDatabaseValue(values[0]) ?? ""
        return Data(CollationCache.shared.collation(language).key(name).bytes)
    }

    /// Makes `jointly_sort_key` available on `db`'s connection.
    static func register(in db: Database) {
        db.add(function: sqlFunction)
    }
}

/// The collation of the language last asked for: a list is sorted for one language, so
/// the SQL function need not parse the language for every row.
private final class CollationCache: @unchecked Sendable {
    static let shared = CollationCache()
    private let lock = NSLock()
    private var last: Collation?

    func collation(_ language: String) -> Collation {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.language == language { return last }
        let collation = Collation(language: language)
        last = collation
        return collation
    }
}
