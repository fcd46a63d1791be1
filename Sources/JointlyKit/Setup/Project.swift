import Foundation

/// A Jointly project folder: the database, `templates/` and `statements/`.
public enum Project {
    /// Creates the database and, where absent, `templates/` with the default templates
    /// and `statements/` with the example statement. Returns a line per thing made.
    /// `databaseFlag` is what later commands must be given to find the database
    /// (`--db PATH`), or nil when they find it without (the default path, or `$JOINTLY_DB`).
    public static func initialise(databasePath: String, folder: String, databaseFlag: String? = nil) throws -> [String] {
        _ = try AppDatabase.open(path: databasePath, create: true)
        var made = ["created the database \(databasePath)"]
        let templates = (folder as NSString).appendingPathComponent("templates")
        let written = try DefaultTemplates.write(to: templates)
        if !written.isEmpty { made.append("wrote \(written.count) default templates to templates/") }
        let statements = (folder as NSString).appendingPathComponent("statements")
        if !FileManager.default.fileExists(atPath: statements) {
            try write(SampleStatement.text, to: (statements as NSString).appendingPathComponent(SampleStatement.fileName))
            try write(SampleStatement.signatories, to: (statements as NSString).appendingPathComponent(SampleStatement.signatoriesFileName))
            made.append("wrote the example statement to statements/\(SampleStatement.fileName); load it with: jointly statement add statements/\(SampleStatement.fileName)\(databaseFlag.map { " " + $0 } ?? "")")
        }
        return made
    }

    private static func write(_ text: String, to path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw JointlyError.io(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
