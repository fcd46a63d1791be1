import ArgumentParser
import JointlyKit

/// `jointly statement …`: statements from their files.
struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Add statements from their files; list, show, open and close them; see their history.",
        subcommands: [Add.self, List.self, Show.self, Open.self, Close.self, History.self, Diff.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update statements from Markdown files with front matter (SLUG.md, or SLUG.LANG.md for a translation).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: ArgumentHelp("Statement files.", valueName: "file"))
        var files: [String]

        @Flag(help: "Keep the signed text and add the changed file as a new version.")
        var newVersion = false

        @Option(help: ArgumentHelp("Why the text changed (required with --new-version).", valueName: "text"))
        var note: String?

        func validate() throws {
            if newVersion && (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--new-version needs --note \"why the text changed\"")
            }
            if note != nil && !newVersion {
                throw ValidationError("--note goes with --new-version")
            }
        }

        func run() throws {
            try Terminal.run {
                let db = try database.open()
                let results = try StatementFiles.add(paths: files, to: db, actor: actor.resolved, newVersion: newVersion, note: note)
                for change in results { Terminal.say(change.summary) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every statement with its state and signature counts.")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var output: ReportFormatOption

        func run() throws {
            try Terminal.run {
                let statements = try database.open().statements()
                Terminal.output(try Reports.statements(statements).rendered(as: output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a statement: its state, current version, demands and signature counts.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
        var slug: String

        func run() throws {
            try Terminal.run {
                Terminal.output(Reports.describe(try database.open().statementDetail(slug: slug)))
            }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a draft statement for signatures (still private until published).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
        var slug: String

        func run() throws {
            try Terminal.run {
                _ = try database.open().openStatement(slug: slug, actor: actor.resolved)
                Terminal.say("\(slug) is open for signatures; it stays private until 'jointly publish \(slug)'")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a statement to further signatures.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
        var slug: String

        @Flag(help: "Close even though some signatures are still pending.")
        var force = false

        func run() throws {
            try Terminal.run {
                let statement = try database.open().closeStatement(slug: slug, force: force, actor: actor.resolved)
                Terminal.say(statement.isPublic
                    ? "\(slug) is closed: it takes no more signatures"
                    : "\(slug) is closed: it takes no more signatures, and stays off the site, as it was never published")
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a statement's text versions and published editions, with who joined and left.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
        var slug: String

        func run() throws {
            try Terminal.run {
                let db = try database.open()
                Terminal.output(Reports.history(versions: try db.versions(slug: slug), editions: try db.editions(slug: slug)))
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show how the text changed between two versions.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
        var slug: String

        @Argument(help: ArgumentHelp("The earlier version.", valueName: "n"))
        var from: Int

        @Argument(help: ArgumentHelp("The later version.", valueName: "m"))
        var to: Int

        func run() throws {
            try Terminal.run {
                Terminal.output(try database.open().diff(slug: slug, from: from, to: to))
            }
        }
    }
}
