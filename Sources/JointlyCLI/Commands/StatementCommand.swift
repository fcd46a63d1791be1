import ArgumentParser
import JointlyKit

/// `jointly statement …`: statements from their files.
struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Add statements from their files, and list or show them.",
        subcommands: [Add.self, List.self, Show.self])

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

        @Option(help: ArgumentHelp("Output format: table, csv, json, ndjson, md.", valueName: "format"))
        var format: ReportFormat = .table

        func run() throws {
            try Terminal.run {
                let statements = try database.open().statements()
                Terminal.output(try Reports.statements(statements).rendered(as: format))
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
}
