import Foundation
import CSQLiteSettings
import GRDB

/// The one front door to a Jointly database.
///
/// It owns the connection, brings the schema up to date when it opens, and every
/// public write it offers (in the extensions under `Statements/` and `Signatories/`)
/// is one transaction that keeps the model's invariants. No other type runs SQL.
public final class AppDatabase: Sendable {
    /// The path the database was opened from, or `:memory:`.
    public let path: String
    let writer: any DatabaseWriter
    let clock: any TimeSource

    init(_ writer: any DatabaseWriter, path: String, clock: any TimeSource) throws {
        self.writer = writer
        self.path = path
        self.clock = clock
        try translatingErrors(path: path) {
            let applied = try writer.read { try Migrations.migrator.appliedIdentifiers($0) }
            if let unknown = applied.subtracting(Migrations.known).sorted().last {
                throw JointlyError.databaseTooNew(path: path, migration: unknown)
            }
            // Migrating even when nothing is pending rewrites the file header, so a
            // command that fails would still change the file: only migrate when needed.
            if !applied.isSuperset(of: Migrations.known) {
                try Migrations.migrator.migrate(writer)
            }
        }
    }

    /// SQLite's process-wide settings, applied once before the first connection: no
    /// per-call connection mutex (GRDB serialises each connection's use itself) and no
    /// allocation statistics. A bulk import spent a tenth of its writing time on those locks.
    private static let sqliteSettings: Int32 = jointly_sqlite_configure()

    /// Opens the database at `path`; with `create`, makes a new one, and refuses an existing file.
    public static func open(path: String, create: Bool = false, clock: any TimeSource = SystemClock()) throws -> AppDatabase {
        let exists = FileManager.default.fileExists(atPath: path)
        if create && exists {
            // Another file in the way is not "a database": say what it is.
            guard AppDatabase.looksLikeSQLite(path) else {
                throw JointlyError.io(
                    path: path,
                    reason: "already exists and is not a database; nothing was changed: pass another file name with --db, or move this file away")
            }
            throw JointlyError.databaseExists(path: path)
        }
        if !create && !exists { throw JointlyError.databaseMissing(path: path) }
        // What a killed run left beside the database (a dry run's copy holds every e-mail
        // address) goes at the next command, whichever it is, not only at the next import.
        if exists { InterruptCleanup.sweep(beside: path) }
        _ = sqliteSettings
        var config = Configuration()
        config.busyMode = .timeout(30)
        // WAL is a property of the file, set once when it is created. Asking GRDB for it
        // on every open would also make it create and drop a table to force the WAL
        // file into being, which rewrites the header even of a command that fails.
        config.journalMode = create ? .wal : .default
        config.foreignKeysEnabled = true
        let queue = try translatingErrors(path: path) { try DatabaseQueue(path: path, configuration: config) }
        return try AppDatabase(queue, path: path, clock: clock)
    }

    /// Whether the file at `path` starts with SQLite's header.
    static func looksLikeSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\0".utf8)
    }

    /// A fresh database in memory, for tests and dry runs.
    public static func inMemory(clock: any TimeSource = SystemClock()) throws -> AppDatabase {
        _ = sqliteSettings
        var config = Configuration()
        config.foreignKeysEnabled = true
        return try AppDatabase(DatabaseQueue(configuration: config), path: ":memory:", clock: clock)
    }

    /// Runs `body` in one write transaction; errors from SQLite come out as `JointlyError`.
    ///
    /// The transaction is IMMEDIATE: it takes the write lock before its first read, so
    /// two processes that read then write wait for each other (the busy timeout)
    /// instead of one failing with SQLITE_BUSY when its snapshot goes stale.
    ///
    /// With `commit` false the transaction is rolled back at the end: a dry run that
    /// makes every check the real run makes.
    func write<T>(commit: Bool = true, _ body: (Database) throws -> T) throws -> T {
        try translatingErrors(path: path) {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return commit ? .commit : .rollback
                }
                guard let result else { throw JointlyError.database("a write finished without a result") }
                return result
            }
        }
    }

    /// Runs `body` on a consistent snapshot of the database.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors(path: path) { try writer.read(body) }
    }

    /// Runs `body` on a consistent snapshot in which it may also keep working tables of
    /// its own (`CREATE TEMP TABLE`), as a site build does; everything is rolled back at
    /// the end, and a temporary table never takes the database's write lock.
    func snapshot<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors(path: path) {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .rollback
                }
                guard let result else { throw JointlyError.database("a build finished without a result") }
                return result
            }
        }
    }
}

extension Database {
    /// Runs `body` with SQLite's page cache for this connection at `kibibytes`, then puts
    /// the previous size back.
    func withPageCache<T>(kibibytes: Int, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(self, sql: "PRAGMA cache_size") ?? -2000
        try execute(sql: "PRAGMA cache_size = \(-kibibytes)")
        defer { try? execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}

/// Runs `body`, turning SQLite's errors into the `JointlyError` a user can act on.
func translatingErrors<T>(path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as JointlyError {
        throw error
    } catch let error as DatabaseError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            throw JointlyError.notADatabase(path: path, reason: "not an SQLite file")
        case .SQLITE_CORRUPT:
            throw JointlyError.notADatabase(path: path, reason: "the file is damaged")
        case .SQLITE_CANTOPEN:
            throw JointlyError.io(path: path, reason: "cannot open the database file (check the folder exists and is writable)")
        case .SQLITE_READONLY:
            // SQLite also says this when the folder, or a -wal or -shm file beside the database,
            // is read-only (they are made with the database file's permissions).
            throw JointlyError.io(
                path: path,
                reason: "the database is read-only (check that the file, its folder and any \((path as NSString).lastPathComponent)-wal "
                    + "and -shm files beside it are writable by you)")
        case .SQLITE_FULL, .SQLITE_IOERR:
            throw JointlyError.io(
                path: path,
                reason: "could not write the database (\(error.message ?? "disk I/O error")): the disk may be full; free some space and try again; nothing was changed")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            throw JointlyError.database("another jointly process kept the database busy for more than 30 seconds; try again")
        case .SQLITE_CONSTRAINT:
            // The schema's last line of defence: a check in Swift should have said this first.
            throw JointlyError.database(
                "the database refused the change (\(error.message ?? "a constraint failed")) and nothing was written; "
                + "if two organisations are one, 'jointly org merge FROM INTO' joins them; otherwise please report this")
        default:
            throw JointlyError.database(error.message ?? "\(error.resultCode)")
        }
    }
}
