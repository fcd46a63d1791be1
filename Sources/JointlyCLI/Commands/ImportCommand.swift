import ArgumentParser
import Foundation
import JointlyKit

extension DuplicatePolicy: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension DateOrder: ExpressibleByArgument {}

/// `jointly import`: signatories from a form or spreadsheet export, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import signatories from a CSV, TSV, JSON or NDJSON file (pending unless --verified); all rows or none.",
        discussion: """
            Columns are read by name: org (required), short-name, country, website, kind, person, title, email, \
            demands, signed-at, status, unnamed; the JSON keys organisation, shortName and signedAt; and the usual \
            spellings of form exports ("Organisation name", "Email address", "Timestamp", "Country/Region"…). \
            --map names any other column. Columns no field reads are ignored and listed.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Argument(help: ArgumentHelp("The file, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("csv, tsv, json or ndjson (default: from the file's extension, else csv).", valueName: "format"))
    var format: ImportFormat?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read COLUMN as FIELD (or ignore it: COLUMN=ignore); repeatable.", valueName: "column=field"))
    var mappings: [String] = []

    @Flag(help: "Make verified signatures instead of queueing them as pending.")
    var verified = false

    @Flag(help: "Check every row and print the summary without writing anything.")
    var dryRun = false

    @Flag(help: "Import even though the statement's signing deadline has passed (signatures collected before it), or signed-at days more than a year before its date.")
    var force = false

    @Option(help: ArgumentHelp("An organisation that already signed, in the database or earlier in the file: skip, update or fail.", valueName: "policy"))
    var onDuplicate: DuplicatePolicy = .skip

    @Option(help: ArgumentHelp("The CSV field separator: , or ; or tab (default: from the header line).", valueName: "c"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The file's encoding: utf-8, utf-16 or windows-1252 (default: UTF-8, or UTF-16 with a byte order mark).", valueName: "encoding"))
    var encoding: TextEncoding?

    @Option(help: ArgumentHelp("How to read dates like 5/4/2018: dmy, mdy or ymd.", valueName: "order"))
    var dateOrder: DateOrder?

    func validate() throws {
        if let delimiter, Self.delimiter(delimiter) == nil { throw ValidationError("--delimiter takes ',', ';' or 'tab'") }
        if delimiter != nil, let format, format == .json || format == .ndjson {
            throw ValidationError("--delimiter is for CSV files, not \(format.rawValue)")
        }
        for mapping in mappings {
            do { _ = try ColumnMapping(mapping) } catch let error as JointlyError { throw ValidationError("--map \(error)") }
        }
    }

    private static func delimiter(_ text: String) -> CSVDelimiter? {
        switch text {
        case ",": .comma
        case ";": .semicolon
        case "tab", "\t", "\\t": .tab
        default: nil
        }
    }

    /// One line for each of the first rows of a kind, then how many more there were.
    private static func say(_ kind: String, _ lines: [String], of total: Int, more: String = "") {
        for line in lines { Terminal.say("\(kind): \(line)") }
        if total > lines.count { Terminal.say("\(kind): … and \(total - lines.count) more\(more)") }
    }

    func run() throws {
        try Terminal.run {
            var options = ImportOptions(
                verified: verified, dryRun: dryRun, onDuplicate: onDuplicate, delimiter: delimiter.flatMap(Self.delimiter),
                format: format, encoding: encoding, dateOrder: dateOrder, mappings: try mappings.map(ColumnMapping.init))
            options.force = force
            let meter = ProgressMeter()
            Interrupts.announce((meter.isActive ? "\n" : "") + (dryRun ? "interrupted: nothing was written (dry run)" : "interrupted: nothing was imported"))
            let summary: ImportSummary
            do {
                summary = try database.open().importSignatories(
                    slug: slug, path: file, options: options, actor: actor.resolved,
                    progress: meter.isActive ? { meter.update($0) } : nil)
            } catch let error as JointlyError {
                // Interrupted while a commit that then failed held the interrupt: the error,
                // then the interrupt's exit status.
                guard let signal = Interrupts.release() else { throw error }
                for line in error.lines { Terminal.say("error: \(line)") }
                Foundation.exit(128 + signal)
            }
            meter.finish()
            // Ctrl-C during the commit waited for it: the import is saved, so say so first.
            defer {
                if let signal = Interrupts.release() {
                    let batch = summary.batchId.map(String.init) ?? "?"
                    Terminal.say("interrupted after the import was saved (batch \(batch)); 'jointly batch undo \(batch)' takes it back")
                    Foundation.exit(128 + signal)
                }
            }
            if let reason = summary.checkedInPlace {
                Terminal.say("note: the dry run checked in the database itself, holding its write lock, as no private copy could be made (\(reason))")
            }
            if !summary.ignoredColumns.isEmpty {
                Terminal.say("note: ignored columns no field reads: \(quotedList(summary.ignoredColumns)) (use --map COLUMN=FIELD to read one)")
            }
            Terminal.say(summary.line)
            Self.say("skipped", summary.skipped.map(\.message), of: summary.duplicatesSkipped)
            Self.say("updated", summary.updatedRows.map(\.message), of: summary.updated)
            Self.say("kept unnamed", summary.keptUnnamed, of: summary.keptUnnamedCount)
            Self.say("left withdrawn", summary.keptWithdrawn.map(\.message), of: summary.withdrawnKept)
            Self.say("filled in", summary.completed.map(\.filledMessage), of: summary.organisationsCompleted)
            Self.say("not changed", summary.differing.map(\.differingMessage), of: summary.detailsDiffering)
            Self.say(
                "suggestion", summary.suggestions.prefix(20).map { $0.message(dryRun: summary.dryRun) },
                of: summary.suggestions.count,
                more: summary.dryRun
                    ? " (resolve these with 'jointly org alias' or 'org merge' and run the dry run again to see the rest)"
                    : " (only the first 20 are shown; a dry run before an import lists them to resolve first)")
        }
    }
}

/// Rows and rows per second on standard error, when it is a terminal and the file is long.
final class ProgressMeter {
    let isActive = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var last = Date.distantPast
    private var shown = false

    func update(_ rows: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25, now.timeIntervalSince(start) >= 0.5 else { return }
        last = now
        shown = true
        let rate = Double(rows) / max(now.timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(rows) rows, \(Int(rate)) rows/s ".utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
