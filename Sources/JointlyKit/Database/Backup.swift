import Foundation
import GRDB

extension AppDatabase {
    /// Copies the database to `path` with SQLite's online backup API: a consistent
    /// snapshot, taken while other processes go on writing. Refuses to overwrite a file.
    public func backup(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw JointlyError.io(path: path, reason: "already exists; choose a new file name for the backup")
        }
        // Written beside the target and renamed, so a half-made backup never has its name.
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try translatingErrors(path: path) {
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
