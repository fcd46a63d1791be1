import Foundation
import Mustache

/// An output format of a statement, named like the extension of its template and file.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Markdown for GitHub and the press: `statement.md.mustache`.
    case markdown = "md"
    /// A complete HTML page: `statement.html.mustache`.
    case html

    /// The name of the template that renders a statement in this format.
    public var templateName: String { "statement.\(rawValue)" }
}

/// The checked set of Mustache templates that renders statements.
///
/// Names are file names without `.mustache`, so the name keeps the output format:
/// `statement.html.mustache` is the template `statement.html`, and an HTML template includes
/// the signatory partial as `{{> signatory.html}}`. A template whose name ends in `.md` is
/// Markdown: it must declare `{{% CONTENT_TYPE: MARKDOWN }}` before any other tag, and
/// Markdown and other templates may include only partials of their own kind (Markdown
/// escaping in HTML, or HTML escaping in Markdown, would let names through unescaped).
///
/// Loading checks everything that swift-mustache would otherwise let pass at render time:
/// parse errors, partials that do not exist (it renders them as nothing), and Markdown
/// templates without the Markdown content type (partials fall back to HTML escaping).
public struct TemplateSet: Sendable {
    /// The template text by name (file name without `.mustache`).
    public let sources: [String: String]
    /// Where each template came from, for messages: a path, or the file name of a default.
    public let origins: [String: String]
    let library: MustacheLibrary
    /// The templates Jointly's own renderer reads, by name; a template missing here (or
    /// including one missing here) is rendered by swift-mustache.
    let compiled: [String: CompiledTemplate]

    /// The templates compiled into Jointly, identical to the repository's `templates/`.
    public static var defaults: TemplateSet {
        get throws { try TemplateSet(files: DefaultTemplates.files) }
    }

    /// The defaults overridden file by file by the `*.mustache` files of `directory`.
    ///
    /// A file in the folder replaces the default of the same name and any other file adds
    /// a template or partial, so a coalition can restyle its pages by editing only
    /// `style.css.mustache`. `jointly init` writes every default there to start from.
    public static func load(directory: String) throws -> TemplateSet {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw JointlyError.io(
                path: directory,
                reason: "no such templates folder; pass the folder that holds the *.mustache files, or run 'jointly init' to write the defaults")
        }
        guard isDirectory.boolValue else {
            throw JointlyError.io(
                path: directory,
                reason: "is a file, not a folder; --templates takes the folder that holds the *.mustache files")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw JointlyError.io(path: directory, reason: "cannot list the folder (\(error.localizedDescription))")
        }

        var files = DefaultTemplates.files
        var origins: [String: String] = [:]
        var found = 0
        for fileName in names.sorted() where fileName.hasSuffix(Self.fileExtension) && !fileName.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(fileName)
            var isSubdirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isSubdirectory), !isSubdirectory.boolValue
            else { continue }
            guard let data = manager.contents(atPath: path) else {
                throw JointlyError.io(path: path, reason: "cannot read the template; check its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw JointlyError.template(name: path, reason: "is not UTF-8 text; save it as UTF-8")
            }
            files[fileName] = text
            origins[String(fileName.dropLast(Self.fileExtension.count))] = path
            found += 1
        }
        guard found > 0 else {
            throw JointlyError.template(
                name: directory,
                reason: "holds no *.mustache files (statement.md.mustache, statement.html.mustache, …); run 'jointly init' to write the defaults there, or point --templates at the folder that has them")
        }
        return try TemplateSet(files: files, origins: origins)
    }

    /// A set made of `files`, keyed by file name (`statement.md.mustache`), checked as a whole.
    ///
    /// `origins` maps a template name to the path shown in messages; by default the file name.
    public init(files: [String: String], origins: [String: String] = [:]) throws {
        ContentTypes.register()

        var sources: [String: String] = [:]
        var allOrigins: [String: String] = [:]
        for (fileName, text) in files {
            guard fileName.hasSuffix(Self.fileExtension), fileName.count > Self.fileExtension.count else {
                throw JointlyError.template(name: fileName, reason: "template files must end in .mustache")
            }
            let name = String(fileName.dropLast(Self.fileExtension.count))
            sources[name] = text
            allOrigins[name] = origins[name] ?? fileName
        }

        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            let text = sources[name] ?? ""
            let origin = allOrigins[name] ?? name
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw JointlyError.template(name: origin, reason: Self.explain(error, in: text))
            } catch {
                throw JointlyError.template(name: origin, reason: "cannot be parsed (\(error))")
            }
        }
        try Self.check(sources: sources, origins: allOrigins)

        self.sources = sources
        self.origins = allOrigins
        self.library = library
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in sources {
            compiled[name] = try? CompiledTemplate(text)
        }
        self.compiled = compiled
    }

    /// Checks that every `{{t.KEY}}` names a string of `catalog` (its English file, which
    /// every other language must match): a misspelt key renders as nothing.
    public func checkStrings(_ catalog: StringCatalog) throws {
        let keys = catalog.english.texts.keys
        for name in sources.keys.sorted() {
            for tag in TemplateScanner.tags(in: sources[name] ?? "") where TemplateNames.valueSigils.contains(tag.sigil) {
                let parts = (TemplateNames.readName(tag.content) ?? "").split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0] == "t", catalog.english.texts[parts[1]] == nil else { continue }
                let suggestion = TemplateNames.closest(to: parts[1], in: keys).map { " (did you mean 't.\($0)'?)" } ?? ""
                throw JointlyError.template(
                    name: origins[name] ?? name,
                    reason: "line \(tag.line): 't.\(parts[1])' is not a key of i18n/en.yml\(suggestion), so it would render as nothing; fix the name, or add the key to every i18n/*.yml")
            }
        }
    }

    /// One warning for each tag that shows who signed (`{{person}}`), or their title (a
    /// `{{title}}` read for a signatory: in a `signatories` section or a partial rendered
    /// there, such as `signatory.html`, where it is the signer's; elsewhere it is the
    /// statement's): that is personal data, which Jointly's own templates never publish; a
    /// coalition's template may, and the person building the site should know that it does.
    public var personalDataWarnings: [String] {
        // The partials rendered for each signatory, and those they include in turn.
        var signatoryPartials = Set(sources.keys.filter { $0.hasPrefix("signatory.") })
        var grew = true
        while grew {
            grew = false
            for name in sources.keys {
                Self.walkSections(in: sources[name] ?? "") { tag, open in
                    guard tag.sigil == ">", signatoryPartials.contains(name) || open.contains("signatories"),
                          signatoryPartials.insert(tag.content).inserted else { return }
                    grew = true
                }
            }
        }
        return sources.keys.sorted().flatMap { name -> [String] in
            var warnings: [String] = []
            Self.walkSections(in: sources[name] ?? "") { tag, open in
                guard TemplateNames.valueSigils.contains(tag.sigil), tag.sigil != "^",
                      let read = TemplateNames.readName(tag.content), !read.hasPrefix("t.") else { return }
                // `{{.person}}`, `{{signatory.person}}`: the name read last is what shows.
                let last = read.split(separator: ".").last.map(String.init) ?? read
                let forSignatory = signatoryPartials.contains(name) || open.contains("signatories")
                let what = if last == "person" {
                    "the name of the person who signed for each organisation"
                } else if last == "title" && forSignatory {
                    "the title of the person who signed for each organisation"
                } else { String?.none }
                guard let what else { return }
                warnings.append("\(origins[name] ?? name) line \(tag.line): {{\(tag.content)}} publishes \(what); "
                    + "Jointly's own templates leave it out, as it is personal data: keep it only if every signer agreed to be named")
            }
            return warnings
        }
    }

    /// `name` compiled, when it and every partial it reaches are; nil for swift-mustache.
    func compiledTemplate(named name: String) -> CompiledTemplate? {
        var seen: Set<String> = []
        func complete(_ name: String) -> Bool {
            guard seen.insert(name).inserted else { return true }
            guard let template = compiled[name] else { return false }
            return Self.partials(in: template.nodes).allSatisfy(complete)
        }
        return complete(name) ? compiled[name] : nil
    }

    private static func partials(in nodes: [CompiledTemplate.Node]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .partial(let name, _): [name]
            case .section(_, _, let body): partials(in: body)
            default: []
            }
        }
    }

    /// The file extension of every template file.
    static let fileExtension = ".mustache"

    /// The template called `name`, or a `JointlyError.template` saying it is missing.
    func template(named name: String) throws -> MustacheTemplate {
        guard let template = library.getTemplate(named: name) else {
            throw JointlyError.template(
                name: name + Self.fileExtension,
                reason: "is missing; add it to the templates folder (run 'jointly init' in an empty folder to see the defaults)")
        }
        return template
    }

    /// Whether a template name is a Markdown template (`statement.md`, `signatory.md`).
    static func isMarkdown(_ name: String) -> Bool {
        name.hasSuffix(".md")
    }

    /// Checks partial references, content types and the two statement templates.
    private static func check(sources: [String: String], origins: [String: String]) throws {
        for format in OutputFormat.allCases where sources[format.templateName] == nil {
            throw JointlyError.template(
                name: format.templateName + fileExtension,
                reason: "is missing; every template set needs statement.md.mustache and statement.html.mustache")
        }
        for name in sources.keys.sorted() {
            let origin = origins[name] ?? name
            let tags = TemplateScanner.tags(in: sources[name] ?? "")
            let markdown = isMarkdown(name)

            if markdown {
                let firstTag = tags.first { $0.sigil != "!" }
                let declares = firstTag.map { $0.sigil == "%" && isMarkdownPragma($0.content) } ?? false
                if !declares {
                    throw JointlyError.template(
                        name: origin,
                        reason: "is a Markdown template but does not start with {{% CONTENT_TYPE: MARKDOWN }}; add that line at the top, or names are escaped for HTML and Markdown in them takes effect")
                }
            }

            for tag in tags where TemplateNames.valueSigils.contains(tag.sigil) {
                if let problem = TemplateNames.problem(tag.content) {
                    throw JointlyError.template(name: origin, reason: "line \(tag.line): \(problem)")
                }
            }

            for tag in tags where tag.sigil == ">" || tag.sigil == "<" {
                let partial = tag.content
                if partial.hasPrefix("*") {
                    throw JointlyError.template(
                        name: origin,
                        reason: "line \(tag.line): dynamic partial {{\(tag.sigil.map(String.init) ?? "")\(partial)}} cannot be checked; name the partial, e.g. {{> signatory.html}}")
                }
                guard sources[partial] != nil else {
                    let known = sources.keys.filter { $0 != name && !$0.hasPrefix("statement.") }.sorted()
                    let list = known.isEmpty ? "none" : known.joined(separator: ", ")
                    throw JointlyError.template(
                        name: origin,
                        reason: "line \(tag.line): partial '\(partial)' does not exist; add \(partial)\(fileExtension) to the templates folder or fix the name (partials: \(list))")
                }
                if isMarkdown(partial) != markdown {
                    let expected = markdown ? "a Markdown partial (name ending in .md)" : "a partial whose name does not end in .md"
                    throw JointlyError.template(
                        name: origin,
                        reason: "line \(tag.line): partial '\(partial)' is escaped for the wrong format here; include \(expected)")
                }
            }
        }
        try checkNoCycles(sources: sources, origins: origins)
    }

    /// Whether a `%` tag's content is the Markdown content-type pragma.
    private static func isMarkdownPragma(_ content: String) -> Bool {
        let parts = content.split(separator: ":", maxSplits: 1).map { String($0).trimmingWhitespace() }
        return parts.count == 2 && parts[0] == "CONTENT_TYPE" && parts[1] == ContentTypes.markdownName
    }

    /// Refuses partials that include themselves: the view models are not recursive, so such
    /// a loop could only recurse until the stack overflows.
    private static func checkNoCycles(sources: [String: String], origins: [String: String]) throws {
        var partials: [String: [String]] = [:]
        for (name, text) in sources {
            partials[name] = TemplateScanner.tags(in: text)
                .filter { $0.sigil == ">" || $0.sigil == "<" }
                .map(\.content)
        }
        var done: Set<String> = []
        func visit(_ name: String, path: [String]) throws {
            if let start = path.firstIndex(of: name) {
                let loop = (path[start...] + [name]).joined(separator: " → ")
                throw JointlyError.template(
                    name: origins[name] ?? name,
                    reason: "partials include each other in a loop (\(loop)); remove one of the includes")
            }
            guard !done.contains(name) else { return }
            for partial in partials[name] ?? [] {
                try visit(partial, path: path + [name])
            }
            done.insert(name)
        }
        for name in sources.keys.sorted() {
            try visit(name, path: [])
        }
    }

    /// A parser error as "line N: what is wrong; what to do".
    private static func explain(_ error: MustacheTemplate.ParserError, in text: String) -> String {
        let line = error.context.lineNumber
        let what: String
        switch error.error as? MustacheTemplate.Error {
        case .expectedSectionEnd?:
            if let open = unclosedSection(in: text) {
                return "line \(open.line): section {{\(open.sigil)\(open.name)}} is never closed; add {{/\(open.name)}} where it should end"
            }
            what = "a section is never closed; add its {{/name}} tag"
        case .sectionCloseNameIncorrect?:
            what = "this closing tag does not match the section that is open; close sections in the reverse order they were opened"
        case .unfinishedName?:
            what = "a tag is not finished or its name has characters Mustache does not allow; names use letters, digits, '.', '-' and '_'"
        case .invalidSetDelimiter?:
            what = "the set-delimiter tag is malformed; write it as {{=<% %>=}}"
        case .invalidConfigVariableSyntax?:
            what = "the pragma is malformed; write it as {{% CONTENT_TYPE: MARKDOWN }}"
        case .unrecognisedConfigVariable?:
            what = "unknown pragma or content type; Jointly knows CONTENT_TYPE: MARKDOWN, HTML and TEXT"
        case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            what = "a {{<parent}} block holds something other than {{$block}} overrides; move it out of the block"
        case nil:
            what = "cannot be parsed (\(error.error))"
        }
        let excerpt = error.context.line.trimmingWhitespace()
        return excerpt.isEmpty ? "line \(line): \(what)" : "line \(line): \(what) (at: \(excerpt))"
    }

    /// The innermost section still open at the end of `text`, with the line it opens on.
    private static func unclosedSection(in text: String) -> (sigil: Character, name: String, line: Int)? {
        walkSections(in: text) { _, _ in }.last
    }

    /// Calls `body` with each tag of `text` and the names of the sections open around it
    /// (a section's own opening tag is not yet inside it); returns the sections left open.
    @discardableResult
    static func walkSections(
        in text: String, _ body: (TemplateScanner.Tag, [String]) -> Void
    ) -> [(sigil: Character, name: String, line: Int)] {
        var open: [(sigil: Character, name: String, line: Int)] = []
        for tag in TemplateScanner.tags(in: text) {
            body(tag, open.map(\.name))
            switch tag.sigil {
            case "#", "^", "$", "<":
                open.append((tag.sigil ?? "#", tag.content, tag.line))
            case "/":
                if let last = open.last, last.name == tag.content { open.removeLast() }
            default:
                break
            }
        }
        return open
    }
}

/// Renders statement pages with a template set.
public struct Renderer: Sendable {
    /// The templates used.
    public let templates: TemplateSet

    /// Makes a renderer over checked templates.
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// `page` rendered with the `statement.md` or `statement.html` template.
    public func render(_ page: StatementPage, format: OutputFormat) throws -> String {
        try render(page, template: format.templateName)
    }

    /// `value` rendered with the template called `name` (`index.html`, `feed.xml`).
    public func render(_ value: some MustacheParent, template name: String) throws -> String {
        let template = try templates.template(named: name)
        guard let compiled = templates.compiledTemplate(named: name) else {
            return template.render(value, library: templates.library)
        }
        var output = TemplateOutput()
        TemplateRendering(templates: templates.compiled).render(compiled, value, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// `value` rendered with the template called `name`, with a hole left at each streamed
    /// list for `StreamedFile` to fill; nil when the template needs swift-mustache, which
    /// cannot stream, so the caller must hand it rows in memory.
    func layout(_ value: some MustacheParent, template name: String) throws -> TemplateOutput? {
        _ = try templates.template(named: name)
        guard let compiled = templates.compiledTemplate(named: name) else { return nil }
        var output = TemplateOutput()
        TemplateRendering(templates: templates.compiled).render(compiled, value, into: &output)
        return output
    }

    /// Whether Jointly's own renderer renders `name`, so its long lists can be streamed.
    func streams(_ name: String) -> Bool {
        templates.compiledTemplate(named: name) != nil
    }

    /// `value` rendered with the template called `name`, written to `descriptor` about a
    /// megabyte at a time, so a page of a million signatories is never one string.
    func write(_ value: some MustacheParent, template name: String, to descriptor: Int32, path: String) throws {
        let template = try templates.template(named: name)
        guard let compiled = templates.compiledTemplate(named: name) else {
            var text = template.render(value, library: templates.library)
            try text.withUTF8 { try FileDescriptorOutput.writeAll(descriptor, UnsafeRawBufferPointer($0), path: path) }
            return
        }
        var output = TemplateOutput()
        output.sink = { bytes in
            try bytes.withUnsafeBytes { try FileDescriptorOutput.writeAll(descriptor, $0, path: path) }
        }
        TemplateRendering(templates: templates.compiled).render(compiled, value, into: &output)
        output.flush()
        if let error = output.error { throw error }
    }
}
