import Crypto
import Foundation
import GRDB
import Mustache

/// What `jointly build` is asked to do.
public struct SiteOptions: Sendable {
    /// The output folder (`public`).
    public var output: String
    /// The templates folder; nil for `./templates` if present, else the built-in ones.
    public var templatesDirectory: String?
    /// The address the site will be served from (`https://example.org/statements/`), or nil.
    public var baseURL: String?
    /// Whether to print the PDF editions with Chromium.
    public var pdf: Bool
    /// Whether to write only the statements' pages, Markdown editions, downloads and PDFs,
    /// keeping the other pages of the previous build as they are.
    public var statementsOnly: Bool
    /// The language of the pages that belong to no one statement: the front page, the
    /// organisation and demand pages, the feed. Each statement page is in its own language.
    public var language: String

    /// Options for a build into `output`.
    public init(output: String = "public", templatesDirectory: String? = nil, baseURL: String? = nil, pdf: Bool = true,
                statementsOnly: Bool = false, language: String = "en") {
        self.output = output
        self.templatesDirectory = templatesDirectory
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.pdf = pdf
        self.statementsOnly = statementsOnly
        self.language = language
    }
}

/// What a build did.
public struct SiteReport: Sendable, Equatable {
    /// Statements published on the site.
    public var statements: Int
    /// Pages and downloads written, PDFs included.
    public var files: Int
    /// Files of the previous build that are no longer produced, removed.
    public var removed: Int
    /// Things the coordinator should know, one line each (a lagging translation).
    public var warnings: [String]
}

/// Builds the public site: every published or closed statement in every language, an
/// organisation page per signatory, a page per demand key, downloads and a feed.
public enum SiteBuilder {
    /// The site language of the pages that belong to no one statement (index, organisations, demands).

    /// Builds the site from `database` as `options` say.
    public static func build(database: AppDatabase, options: SiteOptions) throws -> SiteReport {
        guard StatementFileChecker.isLanguageTag(options.language) else {
            throw JointlyError.invalidValue(field: "language", value: options.language, reason: "not a language tag such as en, ru or pt-BR")
        }
        let templates = try Publishing.templates(directory: options.templatesDirectory)
        for name in ["index.html", "organisation.html", "demand.html", "feed.xml", "style.css"] {
            _ = try templates.template(named: name)
        }
        let catalog = try StringCatalog.load(templatesDirectory: Publishing.templatesFolder(options.templatesDirectory))
        try templates.checkStrings(catalog)
        // One snapshot for the whole build, read a chunk at a time: no list of signatures
        // is held whole, however long.
        return try database.snapshot { db in
            let statements = try Statement.fetchAll(db, sql: """
                SELECT * FROM statement WHERE \(Statement.isPublicSQL) ORDER BY date DESC, slug
                """).map { try StatementData.load(db, statement: $0) }
            var warnings = templates.personalDataWarnings
            try checkTranslations(statements, warnings: &warnings)
            for language in Set(statements.flatMap(\.languages) + [options.language]).sorted() where catalog.strings(for: language) == nil {
                warnings.append("no templates/i18n/\(language).yml: the '\(language)' pages use the English words")
            }
            let chromium = options.pdf ? PrintedEdition.findChromium() : nil
            if options.pdf && chromium == nil && !statements.isEmpty {
                warnings.append("no Chromium found (install chromium, or set JOINTLY_CHROMIUM): the PDF editions were not made")
            }

            let output = try SiteOutput(folder: options.output)
            let lastEvent = try AuditLog.last(db)
            var statementsOnly = options.statementsOnly
            if statementsOnly, let reason = try fullBuildReason(db, previous: output.previousFullBuild) {
                statementsOnly = false
                warnings.append("every page was built, not only the statements': \(reason)")
            }
            // Slugs are worked out in the background while the first statement's list is sorted.
            let organisations = try SiteOrganisations.start(db)
            let site = SiteContext(
                renderer: Renderer(templates: templates), catalog: catalog, output: output, baseURL: options.baseURL,
                statements: statements, counts: try SiteContext.counts(db), chromium: chromium, language: options.language,
                organisations: organisations)
            for data in statements { try site.writeStatement(data, db: db) }
            warnings += site.problems
            if !statementsOnly {
                try organisations.store(db)
                try site.writeOrganisations(db)
                try site.writeDemands(db)
                try site.writeIndex()
                try site.writeFeed()
            }
            try output.write(try site.renderer.render(StylesheetView(), template: "style.css"), to: "style.css")
            let files = site.fileCount
            // A partial build keeps the pages of the last full one, so it keeps that build's mark.
            let removed = try output.finish(
                keepingPrevious: statementsOnly, fullBuild: statementsOnly ? output.previousFullBuild : lastEvent,
                alsoWritten: statementsOnly ? { nil } : try SiteOrganisations.pages(db))
            for page in output.pagesNotWritten(slugs: try String.fetchAll(db, sql: "SELECT slug FROM statement")) {
                warnings.append("\((options.output as NSString).appendingPathComponent(page)) was not written by this build and is not kept up to date: it may still name a group that has since withdrawn or asked to be unnamed; delete it, or render into another folder")
            }
            return SiteReport(statements: statements.count, files: files, removed: removed, warnings: warnings)
        }
    }

    /// Why a `--statements-only` build cannot keep the organisation, demand and front pages
    /// of the last full one, or nil if it can: only additions since then (new signatures,
    /// verifications) leave those pages true. A withdrawal, a rejection, a group that asked
    /// to be unnamed, an edit or merge would stay on the kept pages, naming a group the
    /// statement no longer lists.
    static func fullBuildReason(_ db: Database, previous: EventMark?) throws -> String? {
        guard let previous else {
            return "the folder has no full build by this version of Jointly whose pages could be kept"
        }
        guard try AuditLog.contains(db, previous) else {
            return "the folder's last full build was made from another database (or one since restored from a backup)"
        }
        guard let what = try AuditLog.firstRetraction(db, after: previous) else { return nil }
        return "since the last full build \(what) (see 'jointly log'), and the organisation, demand and front pages would still show things as they were"
    }

    /// Refuses a translation whose demands differ from the text it translates, and warns
    /// about one made for an older version than the current.
    static func checkTranslations(_ statements: [StatementData], warnings: inout [String]) throws {
        var problems: [JointlyError] = []
        for data in statements {
            let slug = data.statement.slug
            for edition in data.editions.dropFirst() {
                let translated = edition.translatesVersion ?? data.current.number
                if translated < data.current.number {
                    warnings.append("\(slug).\(edition.language).md translates version \(translated), but version \(data.current.number) is current: the '\(edition.language)' page says it may lag behind")
                    continue
                }
                let own = Set((data.demandTexts[edition.id ?? 0] ?? [:]).keys)
                let original = Set((data.demandTexts[data.current.id ?? 0] ?? [:]).keys)
                guard own != original else { continue }
                let key: (Int64) -> String = { id in data.demands.first { $0.id == id }?.key ?? String(id) }
                let missing = original.subtracting(own).map(key).sorted()
                let extra = own.subtracting(original).map(key).sorted()
                var parts: [String] = []
                if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
                if !extra.isEmpty { parts.append("not in version \(data.current.number): \(extra.joined(separator: ", "))") }
                problems.append(.invalidValue(
                    field: "translation", value: "\(slug).\(edition.language).md",
                    reason: "its demand keys do not match the original's: \(parts.joined(separator: "; ")); fix the translation and run 'jointly statement add' on it"))
            }
        }
        if problems.count == 1, let only = problems.first { throw only }
        if !problems.isEmpty { throw JointlyError.problems(problems) }
    }
}

/// The stylesheet template has no values; it renders from this empty view.
struct StylesheetView: MustacheParent {
    func child(named name: String) -> Any? { nil }
}

/// One build in progress: its inputs, and the paths of every page.
final class SiteContext: @unchecked Sendable {
    let renderer: Renderer
    let catalog: StringCatalog
    let output: SiteOutput
    let baseURL: String?
    let statements: [StatementData]
    /// Each statement's signatories counted, by statement id.
    let counts: [Int64: SignatoryOrder.Outline]
    let chromium: String?
    /// The words of the pages that belong to no one statement (`SiteOptions.language`).
    let siteStrings: SiteStrings
    /// The organisations named on the site, with the slugs of their pages.
    let organisations: SiteOrganisations
    private let lock = NSLock()
    private var count = 0
    /// What the build could not make and went on without (a PDF edition), for its warnings.
    private(set) var problems: [String] = []

    init(renderer: Renderer, catalog: StringCatalog, output: SiteOutput, baseURL: String?, statements: [StatementData],
         counts: [Int64: SignatoryOrder.Outline], chromium: String?, language: String, organisations: SiteOrganisations) {
        self.renderer = renderer
        self.catalog = catalog
        self.output = output
        self.baseURL = baseURL
        self.statements = statements
        self.counts = counts
        self.chromium = chromium
        siteStrings = catalog.strings(for: language) ?? catalog.english
        self.organisations = organisations
    }

    /// Every statement's verified signatories counted: named, unnamed, and the named ones' countries.
    static func counts(_ db: Database) throws -> [Int64: SignatoryOrder.Outline] {
        var counts: [Int64: SignatoryOrder.Outline] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT g.statementId, count(*) FILTER (WHERE g.unnamed = 0), count(*) FILTER (WHERE g.unnamed = 1),
                   count(DISTINCT o.country) FILTER (WHERE g.unnamed = 0)
            FROM signature g JOIN organisation o ON o.id = g.organisationId
            WHERE g.status = 'verified' GROUP BY g.statementId
            """) {
            counts[row[0]] = SignatoryOrder.Outline(named: row[1], unnamed: row[2], countries: row[3])
        }
        return counts
    }

    /// The counts of `data`'s signatories.
    func counts(_ data: StatementData) -> SignatoryOrder.Outline {
        counts[data.statement.id ?? 0] ?? SignatoryOrder.Outline()
    }

    /// Files written so far.
    var fileCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func write(_ text: String, to path: String) throws {
        try output.write(text, to: path)
        counted()
    }

    func counted(_ files: Int = 1) {
        lock.lock()
        count += files
        lock.unlock()
    }

    /// The strings of `language`, or English when no file gives them.
    func strings(_ language: String) -> SiteStrings {
        catalog.strings(for: language) ?? siteStrings
    }

    /// The folder of a statement's edition in `language`, from the site root: `slug/` or `slug/ru/`.
    func folder(_ data: StatementData, language: String) -> String {
        language == data.statement.language ? "\(data.statement.slug)/" : "\(data.statement.slug)/\(language)/"
    }

    /// The link to `target` (a path from the site root) from a page in `from` (a folder from the root).
    ///
    /// Relative links name `index.html`, so the folder also reads well opened from disk;
    /// with `--base-url` they are absolute and end at the folder.
    func link(to target: String, from folder: String) -> String {
        if let baseURL { return baseURL + target }
        let target = target.hasSuffix("/") ? target + "index.html" : target
        let depth = folder.split(separator: "/").count
        return String(repeating: "../", count: depth) + target
    }

    // MARK: - Statements

    /// Writes a statement's page and Markdown edition in each language and, with the
    /// authoritative language, its downloads: each language's files from one read of its
    /// signatures, sorted once by SQLite.
    func writeStatement(_ data: StatementData, db: Database) throws {
        let named = try writePages(data, db: db, hasPDF: chromium != nil).named
        guard let chromium else { return }
        do {
            try printPDF(slug: data.statement.slug, chromium: chromium, timeout: PrintedEdition.timeout(rows: named))
        } catch let error as JointlyError {
            // A PDF Chromium could not print (a very long list, a crash) costs the PDF, not the
            // site: the pages are written again without the link, and the build says so.
            lock.lock()
            let reason = if case .io(_, let reason) = error { reason } else { error.lines.joined(separator: "; ") }
            problems.append("\(output.path("\(data.statement.slug)/statement.pdf")) was not made: \(reason); the statement's pages link no PDF edition")
            lock.unlock()
            // The same files again: counted once.
            counted(-(try writePages(data, db: db, hasPDF: false).files))
        }
    }

    /// Writes a statement's pages and downloads, linking the PDF edition if `hasPDF`: the
    /// number of named signatories its page lists, and of files written.
    private func writePages(_ data: StatementData, db: Database, hasPDF: Bool) throws -> (named: Int, files: Int) {
        let slug = data.statement.slug
        var named = 0, files = 0
        for language in data.languages {
            let folder = self.folder(data, language: language)
            let strings = self.strings(language)
            let languages = data.languages.map { other in
                LanguageLink(
                    language: other, name: self.strings(other).text("language-name"),
                    href: link(to: self.folder(data, language: other), from: folder), isCurrent: other == language)
            }
            let links = SiteLinks(
                root: String(repeating: "../", count: folder.split(separator: "/").count),
                downloadsRoot: language == data.statement.language ? "" : "../",
                languages: languages, hasPDF: hasPDF)
            let builder = StatementPageBuilder(data: data, language: language, strings: strings, site: links)
            let order = builder.order
            let outline = try order.outline(db)
            named = max(named, outline.named)
            let page = builder.page(outline: outline)
            let downloads = language == data.statement.language
            var paths = [folder + "index.html", folder + "statement.md"]
            if downloads { paths += ["\(slug)/signatories.csv", "\(slug)/signatories.json"] }
            try output.write(paths) { descriptors in
                var files: [StreamedFile<PublicSignature>] = []
                for (index, format) in [OutputFormat.html, .markdown].enumerated() {
                    if let layout = try renderer.layout(page, template: format.templateName) {
                        files.append(StreamedFile(descriptor: descriptors[index], path: paths[index], layout: layout) { builder.rows($0) })
                    } else {
                        // swift-mustache renders this template, and only from rows in memory.
                        let rows = try order.rows(db, pages: organisations)(outline.named)
                        try renderer.write(builder.page(outline: outline, rows: rows), template: format.templateName,
                                           to: descriptors[index], path: paths[index])
                    }
                }
                if downloads {
                    files.append(Downloads.csv(descriptor: descriptors[2], path: paths[2], count: outline.named, demands: data.demands))
                    files.append(Downloads.json(descriptor: descriptors[3], path: paths[3], count: outline.named, demands: data.demands))
                }
                try StreamedFile.write(files) {
                    try order.rows(db, extras: downloads ? .endorsements : [], demands: data.demands, pages: organisations)
                }
            }
            counted(paths.count)
            files += paths.count
        }
        return (named, files)
    }

    /// Prints `slug/statement.pdf` from `slug/index.html`, unless the page is unchanged since
    /// the PDF of the previous build was printed from it.
    func printPDF(slug: String, chromium: String, timeout: TimeInterval) throws {
        let page = "\(slug)/index.html"
        let pdf = "\(slug)/statement.pdf"
        let html = FileManager.default.contents(atPath: output.path(page)) ?? Data()
        let fingerprint = SHA256.hash(data: html + (try renderer.render(StylesheetView(), template: "style.css")).utf8)
            .map { String(format: "%02x", $0) }.joined()
        if output.previousPDFSources[pdf] == fingerprint, output.exists(pdf) {
            output.keep(pdf)
        } else {
            // The page links style.css, which this build writes last: write it now so the
            // print uses the new styles.
            try output.write(try renderer.render(StylesheetView(), template: "style.css"), to: "style.css")
            let temporary = try output.temporaryPath(for: pdf)
            // Removed if Chromium fails, and on Ctrl-C: the folder is what gets deployed.
            InterruptCleanup.register(temporary)
            defer { InterruptCleanup.clear() }
            do {
                try PrintedEdition.print(html: output.path(page), to: temporary, chromium: chromium, timeout: timeout)
            } catch {
                unlink(temporary)
                throw error
            }
            try output.moveIntoPlace(temporary, as: pdf)
        }
        output.recordPDFSource(pdf, fingerprint: fingerprint)
        counted()
    }
}

/// Runs `body` for `0..<count` on both cores (each worker takes every other index), and
/// throws the first error any call threw; after an error, a worker stops.
func inParallel(_ count: Int, _ body: (Int) throws -> Void) throws {
    final class FirstError: @unchecked Sendable {
        let lock = NSLock()
        var error: Error?
        func record(_ error: Error) {
            lock.lock()
            if self.error == nil { self.error = error }
            lock.unlock()
        }
    }
    let failure = FirstError()
    let workers = min(2, max(1, count))
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                do {
                    try body(index)
                } catch {
                    failure.record(error)
                    return
                }
            }
        }
    }
    if let error = failure.error { throw error }
}
