import ArgumentParser
import JointlyKit

extension DuplicatePolicy: ExpressibleByArgument {}

/// `jointly import`: signatories from a spreadsheet export, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import signatories from a CSV file (pending unless --verified); all rows or none.",
        discussion: "The header names the columns: org (required), short-name, country, website, kind, person, title, email, demands, signed-at, status, unnamed.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Make verified signatures instead of queueing them as pending.")
    var verified = false

    @Flag(help: "Check every row and print the summary without writing anything.")
    var dryRun = false

    @Option(help: ArgumentHelp("What to do with an organisation that already signed: skip, update or fail.", valueName: "policy"))
    var onDuplicate: DuplicatePolicy = .skip

    @Option(help: ArgumentHelp("The field separator: , or ; or tab.", valueName: "c"))
    var delimiter: String = ","

    func validate() throws {
        if delimiterValue == nil { throw ValidationError("--delimiter takes ',', ';' or 'tab'") }
    }

    private var delimiterValue: CSVDelimiter? {
        switch delimiter {
        case ",": .comma
        case ";": .semicolon
        case "tab", "\t", "\\t": .tab
        default: nil
        }
    }

    func run() throws {
        try Terminal.run {
            let options = ImportOptions(verified: verified, dryRun: dryRun, onDuplicate: onDuplicate, delimiter: delimiterValue ?? .comma)
            let summary = try database.open().importSignatories(slug: slug, path: file, options: options, actor: actor.resolved)
            Terminal.say(summary.line)
        }
    }
}
