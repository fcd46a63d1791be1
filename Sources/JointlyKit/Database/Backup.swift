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
    /// The copy, reporting errors under the real database's path.
    let database: AppDatabase
    private let file: String

    /// Copies `source` beside its file (``InterruptCleanup/temporaryPath(for:)``, removed on
    /// an interrupt and swept after a kill); nil for a database in memory or when no copy
    /// can be made (a full disk, a read-only folder): the caller then works in place.
    static func of(_ source: AppDatabase) -> ScratchCopy? {
        guard source.path != ":memory:" else { return nil }
        InterruptCleanup.sweep(beside: source.path)
        let file = InterruptCleanup.temporaryPath(for: source.path)
        guard FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]) else { return nil }
        InterruptCleanup.register(file)
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            // Thrown away at the end: nothing here needs to survive a crash or to roll back.
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
            let copy = try DatabaseQueue(path: file, configuration: config)
            try source.writer.backup(to: copy)
            return ScratchCopy(database: try AppDatabase(copy, path: source.path, clock: source.clock), file: file)
        } catch {
            InterruptCleanup.clear()
            unlink(file)
            return nil
        }
    }

    /// Closes and removes the copy.
    func discard() {
        try? database.writer.close()
        InterruptCleanup.clear()
        unlink(file)
    }
}
