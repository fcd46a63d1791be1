import GRDB
import GRDBSQLite

extension Collation {
    /// Makes `jointly_sort_key(language, name)` available on `db`'s connection: the
    /// `Collation` key of `name` for a page in `language`, as a BLOB that SQLite orders as
    /// the keys order (`SortKey.append(to:)`).
    ///
    /// `ORDER BY jointly_sort_key(?, o.sortName)` lets SQLite sort a list of any length
    /// (its sorter spills to temporary files) in exactly the order `Collation` gives, so a
    /// page of a million signatories is read in order, a chunk at a time.
    ///
    /// The function is registered through SQLite's C interface rather than GRDB's
    /// `DatabaseFunction`, which boxes every argument and result: it is called once per
    /// signatory before the first row of a page can be written. An ASCII name (most names)
    /// is read in place, without making a `String`, and no key is made as an array first.
    static func register(in db: Database) {
        let state = Unmanaged.passRetained(SortKeyFunction()).toOpaque()
        sqlite3_create_function_v2(
            db.sqliteConnection, "jointly_sort_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, state,
            { context, _, arguments in
                guard let context, let arguments, let state = sqlite3_user_data(context) else { return }
                let function = Unmanaged<SortKeyFunction>.fromOpaque(state).takeUnretainedValue()
                function.call(context, language: arguments[0], name: arguments[1])
            },
            nil, nil,
            { state in
                guard let state else { return }
                Unmanaged<SortKeyFunction>.fromOpaque(state).release()
            })
    }
}

/// What `jointly_sort_key` keeps between calls on one connection: the collation of the
/// language last asked for (a list is sorted for one language) and the key's bytes.
private final class SortKeyFunction {
    private var collation: Collation?
    private var bytes: [UInt8] = []
    private var scratch = Collation.Scratch()

    func call(_ context: OpaquePointer, language: OpaquePointer?, name: OpaquePointer?) {
        guard let text = sqlite3_value_text(name) else {
            sqlite3_result_null(context)
            return
        }
        let name = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(name)))
        let language = sqlite3_value_text(language).map { String(cString: $0) } ?? ""
        if collation?.language != language { collation = Collation(language: language) }
        guard let collation else { return }
        bytes.removeAll(keepingCapacity: true)
        if !collation.appendASCIIKey(utf8: name, to: &bytes) {
            collation.appendKey(String(decoding: name, as: UTF8.self), to: &bytes, scratch: &scratch)
        }
        bytes.withUnsafeBufferPointer { buffer in
            sqlite3_result_blob(context, buffer.baseAddress, Int32(buffer.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }
}
