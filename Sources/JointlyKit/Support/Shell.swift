/// Commands Jointly suggests, written so they can be pasted into a POSIX shell.
public enum Shell {
    /// `text` in single quotes, any single quote in it closed, escaped and reopened.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` as it is when the shell reads it as one plain word (`demo.sqlite`,
    /// `data/x-1.sqlite`), else ``quoted(_:)``.
    public static func word(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._/-+=:,".unicodeScalars.contains($0)
        }
        return plain ? text : quoted(text)
    }
}
