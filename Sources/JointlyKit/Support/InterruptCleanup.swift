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
    /// Where the command stands, changed only by compare-and-exchange, so the handler (on
    /// any thread) and the command's thread never both act on one signal: ``idle``,
    /// ``holding`` (a commit runs: a signal waits), ``dying`` (the handler is ending the
    /// process), or ``heldBase`` plus the signal that arrived while holding.
    private static let state = Atomic<Int32>(idle)
    private static let idle: Int32 = 0, holding: Int32 = 1, dying: Int32 = 2, heldBase: Int32 = 100
    /// The process group of the program the command is waiting for (Chromium printing a
    /// PDF), 0 if none: ended with the command. Foundation starts a child in a group of its
    /// own, so the terminal's Ctrl-C never reaches it, and it printed on after `build` had gone.
    private static let child = Atomic<Int32>(0)

    /// Removes `path` if the process is interrupted before ``clear()``.
    static func register(_ path: String) {
        clear()
        pending = strdup(path)
        install()
    }

    fileprivate static func install() {
        // A parent may have started the command with these blocked (a test runner's thread
        // does): unblocked on the thread that asks for them, and so on the threads it starts.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        guard !installed else { return }
        installed = true
        _ = state.load(ordering: .sequentiallyConsistent)  // initialised here, not first in the handler
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let previous = Foundation.signal(signal) { number in
                while true {
                    switch InterruptCleanup.state.load(ordering: .sequentiallyConsistent) {
                    case InterruptCleanup.idle:
                        guard InterruptCleanup.state.compareExchange(
                            expected: InterruptCleanup.idle, desired: InterruptCleanup.dying, ordering: .sequentiallyConsistent).exchanged
                        else { continue }
                        if let path = InterruptCleanup.pending { unlink(path) }
                        let child = InterruptCleanup.child.load(ordering: .sequentiallyConsistent)
                        if child > 0 { InterruptCleanup.terminate(child) }
                        if let message = InterruptCleanup.message { _ = write(STDERR_FILENO, message, strlen(message)) }
                        Foundation.signal(number, SIG_DFL)
                        raise(number)
                        return
                    case InterruptCleanup.holding:
                        guard InterruptCleanup.state.compareExchange(
                            expected: InterruptCleanup.holding, desired: InterruptCleanup.heldBase + number,
                            ordering: .sequentiallyConsistent).exchanged
                        else { continue }
                        return
                    default:
                        return  // already ending, or one is held: this one adds nothing
                    }
                }
            }
            // `nohup jointly import …` ignores hangups, and so must the import.
            if unsafeBitCast(previous, to: Int.self) == 1 /* SIG_IGN */ { _ = Foundation.signal(signal, previous) }
        }
    }

    /// Ends the program started as process `pid` (and the group it leads) if the process is
    /// interrupted before ``clearChild()``.
    static func registerChild(_ pid: Int32) {
        child.store(pid, ordering: .sequentiallyConsistent)
        install()
    }

    /// The program has ended: nothing to stop any more.
    static func clearChild() {
        child.store(0, ordering: .sequentiallyConsistent)
    }

    /// Ends the program `pid` and the processes it started: the group it leads, as Foundation
    /// starts it, else the process alone.
    static func terminate(_ pid: Int32) {
        if kill(-pid, SIGTERM) != 0 { kill(pid, SIGTERM) }
    }

    /// From here until ``Interrupts/release()``, an interrupt waits: called just before a
    /// commit whose result the command must still report (an import's), so Ctrl-C in the
    /// commit, or in the checkpoint SQLite runs inside it, no longer ends the command with
    /// the import saved and nothing said. Only when the command announced an interrupt.
    /// Throws if an interrupt is already ending the process: the commit must not begin.
    static func holdForCommit() throws {
        guard message != nil else { return }
        let result = state.compareExchange(expected: idle, desired: holding, ordering: .sequentiallyConsistent)
        if !result.exchanged && result.original == dying {
            throw JointlyError.database("interrupted before the commit; nothing was imported")
        }
    }

    /// Stops holding and returns the signal that arrived meanwhile, if any; then the state
    /// stays as it is, so a second Ctrl-C cannot end the process before it reports the first.
    fileprivate static func release() -> Int32? {
        while true {
            let current = state.load(ordering: .sequentiallyConsistent)
            if current >= heldBase { return current - heldBase }
            guard current == holding else { return nil }
            if state.compareExchange(expected: holding, desired: idle, ordering: .sequentiallyConsistent).exchanged { return nil }
        }
    }

    /// Back to idle with nothing announced, as at the start (for the tests of the hold, in
    /// a process that goes on).
    static func resetForTesting() {
        message = nil
        state.store(idle, ordering: .sequentiallyConsistent)
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

    /// The files SQLite may keep beside a database file at `path` while it is open.
    static func sqliteSideFiles(of path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }
    }

    /// Removes the temporary files an earlier run for `path` left behind when it was killed
    /// (``temporaryPath(for:)`` of a process no longer running, and SQLite's files beside
    /// one that was a database: a dry run's copy).
    static func sweep(beside path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".jointly-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let suffix = [".tmp", ".tmp-wal", ".tmp-shm", ".tmp-journal"].first(where: { name.hasSuffix($0) }) else { continue }
            let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
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
    }

    /// Ends a hold the library began before a commit (a no-op if none began): the signal
    /// that arrived meanwhile, which the caller reports and exits for, or nil.
    /// What was announced is said no more: the work it described is over.
    public static func release() -> Int32? {
        InterruptCleanup.message = nil
        return InterruptCleanup.release()
    }
}
