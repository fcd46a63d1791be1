import Foundation

/// Rendering statements with the templates a project uses.
public enum Publishing {
    /// The templates of `directory`, or of `./templates` when present, else the built-in ones.
    public static func templates(directory: String?) throws -> TemplateSet {
        guard let folder = templatesFolder(directory) else { return try TemplateSet.defaults }
        return try TemplateSet.load(directory: folder)
    }

    /// The templates folder a command reads: the one given, else `./templates` when present.
    static func templatesFolder(_ directory: String?) -> String? {
        if let directory { return directory }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "templates", isDirectory: &isDirectory), isDirectory.boolValue {
            return "templates"
        }
        return nil
    }

    /// Statement `slug` rendered in `format` straight to `path` (standard output for nil
    /// or `-`), a megabyte at a time: a page of a million signatories is never one string.
    public static func write(
        database: AppDatabase, slug: String, format: OutputFormat, language: String?, templatesDirectory: String?,
        to path: String?
    ) throws {
        let templates = try templates(directory: templatesDirectory)
        let strings = try StringCatalog.load(templatesDirectory: templatesFolder(templatesDirectory))
        let page = try database.statementPage(slug: slug, language: language, strings: strings)
        let renderer = Renderer(templates: templates)
        guard let path, path != "-" else {
            try renderer.write(page, template: format.templateName, to: STDOUT_FILENO, path: "standard output")
            return
        }
        try OutputFile.stream(to: path) { descriptor in
            try renderer.write(page, template: format.templateName, to: descriptor, path: path)
        }
    }
}

/// Writing output files so that a reader never sees half of one.
public enum OutputFile {
    /// Runs `body` with a file descriptor open on a new file beside `path`, then renames
    /// the file into place; if `body` fails, the new file is removed and `path` untouched.
    public static func stream(to path: String, _ body: (Int32) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JointlyError.io(path: path, reason: "is a folder; --output takes a file name")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).jointly-tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw JointlyError.io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))") }
        do {
            try body(descriptor)
            close(descriptor)
            guard rename(temporary, path) == 0 else {
                throw JointlyError.io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

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
