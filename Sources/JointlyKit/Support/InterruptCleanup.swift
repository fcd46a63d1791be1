import Foundation
import Synchronization

/// The one half-written file a command is making (an export's or a page's temporary file),
/// removed if the command is interrupted (Ctrl-C, SIGTERM) before it is renamed into place:
/// a private export stopped half-way left its e-mail addresses behind in a hidden file.
/// (SIGKILL cannot be caught: ``sweep(beside:)`` removes what such a run left, next time.)
/// ``OutputFile/stream(to:ownerOnly:_:)`` names, registers and sweeps its files here.
enum InterruptCleanup {
    /// The path to remove, as C text the signal handler can pass to `unlink` (nothing else
    /// is safe there). Set and cleared by one thread, the command's.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    /// What to write to standard error on an interrupt (``Interrupts/announce(_:)``), as C text.
    nonisolated(unsafe) fileprivate static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    /// Set while a commit must finish and be reported first (``holdForCommit()``).
    private static let holding = Atomic<Bool>(false)
    /// The signal that arrived while holding, or 0.
    private static let held = Atomic<Int32>(0)

    /// Removes `path` if the process is interrupted before ``clear()``.
    static func register(_ path: String) {
        clear()
        pending = strdup(path)
        install()
    }

    fileprivate static func install() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = Foundation.signal(signal) { number in
                if InterruptCleanup.holding.load(ordering: .sequentiallyConsistent) {
                    InterruptCleanup.held.store(number, ordering: .sequentiallyConsistent)
                    return
                }
                if let path = InterruptCleanup.pending { unlink(path) }
                if let message = InterruptCleanup.message { _ = write(STDERR_FILENO, message, strlen(message)) }
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// From here until ``Interrupts/release()``, an interrupt waits: called just before a
    /// commit whose result the command must still report (an import's), so Ctrl-C in the
    /// commit, or in the checkpoint SQLite runs inside it, no longer ends the command with
    /// the import saved and nothing said. Only when the command announced an interrupt.
    static func holdForCommit() {
        guard message != nil else { return }
        holding.store(true, ordering: .sequentiallyConsistent)
    }

    /// Stops holding; the signal that arrived meanwhile, if any.
    fileprivate static func release() -> Int32? {
        holding.store(false, ordering: .sequentiallyConsistent)
        let number = held.exchange(0, ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
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

/// How a long command answers Ctrl-C (SIGINT, SIGTERM, SIGHUP): with one line saying what
/// became of the work, not silence.
public enum Interrupts {
    /// Writes `line` to standard error if the command is interrupted from now on.
    public static func announce(_ line: String) {
        InterruptCleanup.message = strdup(line + "\n")
        InterruptCleanup.install()
        // A parent may have started the command with these blocked (a test runner's thread
        // does): unblocked here, on the command's thread, and so on the threads it starts.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Ends a hold the library began before a commit (a no-op if none began): the signal
    /// that arrived meanwhile, which the caller reports and exits for, or nil.
    /// What was announced is said no more: the work it described is over.
    public static func release() -> Int32? {
        InterruptCleanup.message = nil
        return InterruptCleanup.release()
    }
}
