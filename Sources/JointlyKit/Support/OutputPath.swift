import Foundation

/// Where a command may write.
public enum OutputPath {
    /// Refuses a relative path that climbs out of the current folder (`../../etc/x`).
    ///
    /// A script that builds `--output` from a statement's slug or a user's answer must not
    /// be able to write outside the project. An absolute path is taken as meant. With
    /// `database`, also refuses that database's own files (``checkNotDatabase(_:database:flag:)``).
    public static func check(_ path: String, flag: String = "--output", database: String? = nil) throws {
        if let database { try checkNotDatabase(path, database: database, flag: flag) }
        try checkNotSource(path, flag: flag)
        guard !path.hasPrefix("/"), path != "-" else { return }
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            if depth < 0 {
                throw JointlyError.invalidValue(
                    field: flag, value: path,
                    reason: "leaves the current folder; give a path inside it, or an absolute path if you mean one outside")
            }
        }
    }

    /// Refuses to write over the database itself or one of SQLite's files beside it
    /// (`-wal`, `-shm`, `-journal`): `--output jointly.sqlite`, one tab-completion away from
    /// `jointly.csv`, would destroy every statement and signature.
    public static func checkNotDatabase(_ path: String, database: String, flag: String = "--output") throws {
        guard path != "-", database != ":memory:" else { return }
        let target = identity(of: path)
        for file in [database, database + "-wal", database + "-shm", database + "-journal"] {
            let same: Bool
            if let target, let other = identity(of: file) {
                same = target == other
            } else {
                same = absolute(path) == absolute(file)
            }
            if same {
                throw JointlyError.invalidValue(
                    field: flag, value: path,
                    reason: "is the database (\(database)) or one of its files; writing there would destroy it, so give another file name")
            }
        }
    }

    /// Refuses to write over a source file: a statement (Markdown that opens with front
    /// matter) or a template. `render -o statements/SLUG.md` replaced the statement's own
    /// text with its rendering, silently.
    public static func checkNotSource(_ path: String, flag: String = "--output") throws {
        // A pipe would block the read until something writes to it.
        guard path != "-", !isDevice(path), let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 5)) ?? Data()
        let isStatement = path.hasSuffix(".md") && (start.starts(with: Data("---\n".utf8)) || start.starts(with: Data("---\r\n".utf8)))
        if isStatement || path.hasSuffix(".mustache") {
            throw JointlyError.invalidValue(
                field: flag, value: path,
                reason: "is a \(isStatement ? "statement file" : "template"), a source Jointly reads; writing there would replace it, so give another file name")
        }
    }

    /// Whether `path` is there and is neither a file nor a folder: a device such as
    /// `/dev/null` or `/dev/stdout`, or a pipe, which a command writes into rather than replaces.
    static func isDevice(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// A descriptor open for writing on the device or pipe at `path` (``isDevice(_:)``).
    static func openDevice(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw JointlyError.io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))") }
        return descriptor
    }

    /// The device and inode of an existing file (so two spellings of one path, or a link, match).
    private static func identity(of path: String) -> [Int]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let device = (attributes[.systemNumber] as? NSNumber)?.intValue,
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue
        else { return nil }
        return [device, inode]
    }

    private static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
