import Foundation

/// The default templates, compiled into Jointly so the binary works wherever it is copied.
///
/// Each literal is byte for byte the file of the same name in the repository's `templates/`
/// folder, which users copy and edit; `RenderingDefaultTemplatesTests` fails when they drift.
/// To change a default, edit the file in `templates/` and run `make embed`.
public enum DefaultTemplates {
    /// Every default template's text, keyed by file name (`statement.md.mustache`).
    public static let files: [String: String] = DefaultTemplateFiles.files

    /// Writes every default template, and the language files into `i18n/`, into `directory`, creating it if needed and never
    /// overwriting a file that is already there; returns the paths written.
    @discardableResult
    public static func write(to directory: String) throws -> [String] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: directory, reason: "cannot create the templates folder (\(error.localizedDescription))")
        }
        var written: [String] = []
        let all = files.map { (name: $0.key, text: $0.value) }
            + DefaultI18nFiles.files.map { (name: "i18n/" + $0.key, text: $0.value) }
        for file in all.sorted(by: { $0.name < $1.name }) {
            let path = (directory as NSString).appendingPathComponent(file.name)
            guard !manager.fileExists(atPath: path) else { continue }
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                throw JointlyError.io(path: path, reason: "cannot write the template (\(error.localizedDescription))")
            }
            written.append(path)
        }
        return written
    }
}
