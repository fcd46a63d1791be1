import Foundation

/// Rendering statements with the templates a project uses.
public enum Publishing {
    /// The templates of `directory`, or of `./templates` when present, else the built-in ones.
    public static func templates(directory: String?) throws -> TemplateSet {
        if let directory { return try TemplateSet.load(directory: directory) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "templates", isDirectory: &isDirectory), isDirectory.boolValue {
            return try TemplateSet.load(directory: "templates")
        }
        return try TemplateSet.defaults
    }

    /// Statement `slug` rendered in `format`.
    public static func render(
        database: AppDatabase, slug: String, format: OutputFormat, language: String?, templatesDirectory: String?
    ) throws -> String {
        let templates = try templates(directory: templatesDirectory)
        let strings = try StringCatalog.load(templatesDirectory: templatesFolder(templatesDirectory))
        let page = try database.statementPage(slug: slug, language: language, strings: strings)
        return try Renderer(templates: templates).render(page, format: format)
    }
}

/// Writing output files so that a reader never sees half of one.
public enum OutputFile {
    /// Writes `text` beside `path` and renames it into place.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JointlyError.io(path: path, reason: "is a folder; --output takes a file name")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw JointlyError.io(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
