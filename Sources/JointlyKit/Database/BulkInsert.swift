import GRDB
import GRDBSQLite

/// An `INSERT` prepared once and run for many rows, its values bound straight to SQLite.
///
/// GRDB's `StatementArguments` box every value in an existential; a bulk import binds
/// millions. Bound values stay bound after a run, so values that are the same for every
/// row (a batch id, a timestamp) are bound once. Numbered parameters (`?1`) let one value
/// fill two columns.
struct BulkInsert {
    private let statement: GRDB.Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    /// Binds text (SQLite copies it) or NULL to parameter `index` (1-based).
    func bind(_ value: String?, at index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        var text = value
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
    }

    /// Binds an integer or NULL to parameter `index` (1-based).
    func bind(_ value: Int64?, at index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds 1 or 0 to parameter `index` (1-based).
    func bind(_ value: Bool, at index: Int32) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    /// Runs the statement with the values bound now; returns the new row's id.
    @discardableResult
    func execute() throws -> Int64 {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = db.lastError(sql: statement.sql)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }
}

extension Database {
    /// The error SQLite last reported on this connection, for a statement run outside GRDB.
    func lastError(sql: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(sqliteConnection)),
            message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
    }
}

/// SQLite's "copy this value" destructor, which the C macro `SQLITE_TRANSIENT` spells.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
