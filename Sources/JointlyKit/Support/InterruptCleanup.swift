import Foundation

/// The one half-written file a command is making (an export's or a page's temporary file),
/// removed if the command is interrupted (Ctrl-C, SIGTERM) before it is renamed into place:
/// a private export stopped half-way left its e-mail addresses behind in a hidden file.
/// (SIGKILL cannot be caught: ``sweep(beside:)`` removes what such a run left, next time.)
/// ``OutputFile/stream(to:ownerOnly:_:)`` names, registers and sweeps its files here.
enum InterruptCleanup {
    /// The path to remove, as C text the signal handler can pass to `unlink` (nothing else
    /// is safe there). Set and cleared by one thread, the command's.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    /// Removes `path` if the process is interrupted before ``clear()``.
    static func register(_ path: String) {
        clear()
        pending = strdup(path)
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = Foundation.signal(signal) { number in
                if let path = InterruptCleanup.pending { unlink(path) }
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// The file is in place (or gone): nothing to remove any more. The C copy of its path is
    /// not freed: a signal handler on another thread may be reading it (a few bytes a file).
    static func clear() {
        pending = nil
    }

    /// The new file written beside `path` before it is renamed into place: `.NAME.jointly-PID.tmp`.
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).jointly-\(getpid()).tmp").path
    }

    /// Removes the temporary files an earlier run for `path` left behind when it was killed
    /// (``temporaryPath(for:)`` of a process no longer running).
    static func sweep(beside path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".jointly-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(".tmp".count)
            guard let pid = Int32(middle), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }
}
