import ArgumentParser
import JointlyKit

extension ExportFormat: ExpressibleByArgument {}

/// `jointly export`: a statement's signatories as a file that imports again with no loss.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a statement's verified and pending signatories as CSV, TSV, JSON or NDJSON.",
        discussion: "Columns are the import's field names, so the file imports again unchanged. CSV cells a spreadsheet would run get a leading '. Who signed, their title, e-mail addresses and the signatories that asked to be unnamed only with --include-private.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("csv, tsv, json or ndjson.", valueName: "format"))
    var format: ExportFormat = .csv

    @Flag(help: "Include personal data: who signed for each organisation, their title, e-mail addresses, and the signatories that asked to be unnamed.")
    var includePrivate = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try Terminal.run {
            if let output { try OutputPath.check(output, database: database.resolvedPath) }
            let summary = try database.open().exportSignatories(
                slug: slug, format: format, includePrivate: includePrivate, output: output)
            if summary.includesPrivate {
                Terminal.say("note: this export includes personal data (who signed, their titles, e-mail addresses, the groups that asked to be unnamed); keep it private")
            } else if summary.unnamedLeftOut > 0 {
                let count = summary.unnamedLeftOut
                Terminal.say("note: \(count) signator\(count == 1 ? "y that" : "ies that") asked to be unnamed \(count == 1 ? "is" : "are") left out; --include-private includes \(count == 1 ? "it" : "them")")
            }
            if summary.withdrawn + summary.rejected > 0 {
                let parts = [(summary.withdrawn, "withdrawn"), (summary.rejected, "rejected")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                let total = summary.withdrawn + summary.rejected
                Terminal.say("note: \(parts.joined(separator: " and ")) signature\(total == 1 ? " is" : "s are") not exported, so a database made from this file would not know of \(total == 1 ? "it" : "them"); to copy the whole database, use 'jointly db backup FILE'")
            }
            if let output, output != "-" {
                Terminal.say("wrote \(summary.rows) signator\(summary.rows == 1 ? "y" : "ies") to \(output)")
            }
        }
    }
}
