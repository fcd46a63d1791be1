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
    /// or `-`), its signatories read sorted from the database a chunk at a time and
    /// written as they are rendered: a page of a million signatories is never one string.
    /// Returns the templates' warnings (``TemplateSet/personalDataWarnings``).
    @discardableResult
    public static func write(
        database: AppDatabase, slug: String, format: OutputFormat, language: String?, templatesDirectory: String?,
        to path: String?
    ) throws -> [String] {
        let renderer = Renderer(templates: try templates(directory: templatesDirectory))
        let catalog = try StringCatalog.load(templatesDirectory: templatesFolder(templatesDirectory))
        try renderer.templates.checkStrings(catalog)
        try database.read { db in
            let data = try StatementData.load(db, statement: try Statement.require(db, slug: slug))
            let builder = try StatementPageBuilder(data: data, language: language, catalog: catalog)
            let order = builder.order
            let outline = try order.outline(db)
            let page = builder.page(outline: outline)
            let write = { (descriptor: Int32, name: String) in
                guard let layout = try renderer.layout(page, template: format.templateName) else {
                    // swift-mustache renders this template, and only from rows in memory.
                    let full = builder.page(outline: outline, rows: try order.rows(db)(outline.named))
                    return try renderer.write(full, template: format.templateName, to: descriptor, path: name)
                }
                let file = StreamedFile(descriptor: descriptor, path: name, layout: layout) { builder.rows($0) }
                try StreamedFile.write([file]) { try order.rows(db) }
            }
            guard let path, path != "-" else { return try write(STDOUT_FILENO, "standard output") }
            try OutputFile.stream(to: path) { descriptor in try write(descriptor, path) }
        }
        return renderer.templates.personalDataWarnings
    }
}

/// Writing output files so that a reader never sees half of one.
public enum OutputFile {
    /// Runs `body` with a file descriptor open on a new file beside `path`, then renames
    /// the file into place; if `body` fails, the new file is removed and `path` untouched.
    /// A device or pipe (`/dev/null`, a FIFO) is written in place: renaming a file onto
    /// `/dev/null` would replace the device itself, for every program on the machine.
    /// `ownerOnly`: the file is readable and writable by its owner alone (e-mails in it).
    /// Interrupted, the command removes the new file (``InterruptCleanup``).
    public static func stream(to path: String, ownerOnly: Bool = false, _ body: (Int32) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JointlyError.io(path: path, reason: "is a folder; --output takes a file name")
        }
        if OutputPath.isDevice(path) {
            let descriptor = try OutputPath.openDevice(path)
            defer { close(descriptor) }
            return try body(descriptor)
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        InterruptCleanup.sweep(beside: path)
        let temporary = InterruptCleanup.temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, ownerOnly ? 0o600 : 0o644)
        guard descriptor >= 0 else { throw JointlyError.io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))") }
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.clear() }
        do {
            try body(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw JointlyError.io(path: path, reason: "cannot write (\(reason))")
        }
    }
}
