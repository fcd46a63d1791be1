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
