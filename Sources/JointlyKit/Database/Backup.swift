import Foundation
import GRDB

extension AppDatabase {
    /// Copies the database to `path` with SQLite's online backup API: a consistent
    /// snapshot, taken while other processes go on writing. Refuses to overwrite a file.
    /// The copy holds e-mail addresses and signers' names, so only its owner may read it,
    /// as with a private export.
    public func backup(to path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            throw JointlyError.io(
                path: path,
                reason: isDirectory.boolValue
                    ? "is a folder; give the backup a file name, such as \((path as NSString).appendingPathComponent("jointly-backup.sqlite"))"
                    : "already exists; choose a new file name for the backup")
        }
        // Written beside the target and renamed, so a half-made backup never has its name.
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try translatingErrors(path: path) {
            guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw JointlyError.io(path: path, reason: "cannot write the backup beside it; check the folder exists and is writable")
            }
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            try copy.close()
        }
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            throw JointlyError.io(path: path, reason: "cannot write the backup (\(error.localizedDescription))")
        }
    }
}

/// A private copy of the database for a dry run to write into and throw away, so the dry
/// run never takes the real database's write lock: a `--dry-run` import of a big sheet
/// held it for the whole run, and a colleague's `sign` waited, then failed.
struct ScratchCopy {
    /// The copy, reporting errors as the dry run's copy of the real database.
    let database: AppDatabase
    private let file: String

    /// Copies `source` beside its file (``InterruptCleanup/temporaryPath(for:)``, owner-only,
    /// removed on an interrupt and swept after a kill). Nil for a database in memory; throws
    /// when no copy can be made (a full disk), with the reason, for the caller to say and
    /// work in place.
    static func of(_ source: AppDatabase) throws -> ScratchCopy? {
        guard source.path != ":memory:" else { return nil }
        let file = InterruptCleanup.temporaryPath(for: source.path)
        guard FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw JointlyError.io(path: file, reason: "cannot be created beside the database")
        }
        InterruptCleanup.register(file)
        do {
            return try translatingErrors(path: file) { try make(file, from: source) }
        } catch {
            InterruptCleanup.clear()
            for path in [file] + InterruptCleanup.sqliteSideFiles(of: file) { unlink(path) }
            throw error
        }
    }

    private static func make(_ file: String, from source: AppDatabase) throws -> ScratchCopy {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let copy = try DatabaseQueue(path: file, configuration: config)
        try source.writer.backup(to: copy)
        // The backup copies the header, WAL mode with it: a rollback journal kept in
        // memory instead leaves no file of e-mail addresses beside the copy (an interrupt
        // removes the one file), and still undoes a row the database refused.
        let mode = try copy.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = MEMORY") }
        guard mode == "memory" else { throw JointlyError.database("the copy kept journal mode \(mode ?? "?")") }
        try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
        let label = "\(source.path) (the dry run's copy, \((file as NSString).lastPathComponent))"
        return ScratchCopy(database: try AppDatabase(copy, path: label, clock: source.clock), file: file)
    }

    /// Closes and removes the copy.
    func discard() {
        try? database.writer.close()
        InterruptCleanup.clear()
        for path in [file] + InterruptCleanup.sqliteSideFiles(of: file) { unlink(path) }
    }
}
