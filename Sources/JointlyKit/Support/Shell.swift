/// Commands Jointly suggests, written so they can be pasted into a POSIX shell.
enum Shell {
    /// `text` in single quotes, any single quote in it closed, escaped and reopened.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
