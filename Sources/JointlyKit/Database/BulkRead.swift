import GRDB
import GRDBSQLite

/// A `SELECT` over many rows whose columns are read straight from SQLite, text as the
/// bytes SQLite holds: GRDB's rows box every value, and a site of a million organisations
/// reads a million names only to copy their bytes.
struct BulkRead {
    private let statement: GRDB.Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// One row while `forEach` is on it.
    struct Columns {
        fileprivate let handle: SQLiteStatement

        func int64(_ column: Int32) -> Int64 {
            sqlite3_column_int64(handle, column)
        }

        /// The column's UTF-8 bytes (empty for NULL), valid only inside the call that gets them.
        func withText<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
            let bytes = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
        }
    }

    /// Calls `body` with each row, in order.
    func forEach(_ body: (Columns) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(Columns(handle: handle))
            case SQLITE_DONE: return
            default:
                throw db.lastError(sql: statement.sql)
            }
        }
    }
}
