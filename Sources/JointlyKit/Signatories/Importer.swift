import Foundation
import GRDB

/// What to do with a row for an organisation that already signed.
public enum DuplicatePolicy: String, CaseIterable, Sendable {
    /// Leave the existing signature as it is, and count the row as skipped.
    case skip
    /// Change the existing signature to the row's values.
    case update
    /// Stop the import: the file should not repeat anyone.
    case fail
}

/// How `jointly import` treats a file.
public struct ImportOptions: Equatable, Sendable {
    /// Make verified signatures instead of pending ones.
    public var verified: Bool
    /// Check everything, write nothing.
    public var dryRun: Bool
    /// Rows for organisations that already signed.
    public var onDuplicate: DuplicatePolicy
    /// The field separator.
    public var delimiter: CSVDelimiter

    /// Makes options; by default pending signatures, duplicates skipped, commas.
    public init(verified: Bool = false, dryRun: Bool = false, onDuplicate: DuplicatePolicy = .skip, delimiter: CSVDelimiter = .comma) {
        self.verified = verified
        self.dryRun = dryRun
        self.onDuplicate = onDuplicate
        self.delimiter = delimiter
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Equatable, Sendable {
    public var rows = 0
    public var signatures = 0
    public var newOrganisations = 0
    public var duplicatesSkipped = 0
    public var updated = 0
    public var reactivated = 0
    public var batchId: Int64?
    public var dryRun = false

    /// One line for the person who ran the command.
    public var line: String {
        let verb = dryRun ? "would import" : "imported"
        var parts = ["\(verb) \(rows) row\(rows == 1 ? "" : "s"): \(signatures) new signature\(signatures == 1 ? "" : "s")",
                     "\(newOrganisations) new organisation\(newOrganisations == 1 ? "" : "s")",
                     "\(duplicatesSkipped) duplicate\(duplicatesSkipped == 1 ? "" : "s") skipped"]
        if updated > 0 { parts.append("\(updated) updated") }
        if reactivated > 0 { parts.append("\(reactivated) signed again after withdrawing") }
        var text = parts.joined(separator: ", ")
        if let batchId, !dryRun { text += " (batch \(batchId))" }
        if dryRun { text += "; nothing was written (dry run)" }
        return text
    }
}

/// The columns an import file may have: DESIGN.md's field table, by header.
enum ImportField: String, CaseIterable {
    case org, shortName = "short-name", country, website, kind, person, title, email, demands
    case signedAt = "signed-at", status, unnamed
}

extension AppDatabase {
    /// Imports signatories from a CSV file (`-` for standard input) into statement `slug`.
    ///
    /// All or nothing: every row is checked inside one transaction, and the first 20
    /// problems are reported as `FILE:LINE: reason` with nothing written.
    public func importSignatories(slug: String, path: String, options: ImportOptions = ImportOptions(), actor: String) throws -> ImportSummary {
        var reader = path == "-"
            ? CSVReader.standardInput(delimiter: options.delimiter)
            : try CSVReader(path: path, delimiter: options.delimiter)
        let now = clock.now()
        return try write(commit: !options.dryRun) { db in
            var context = try SigningContext(db: db, slug: slug, now: now, actor: actor)
            context.recordsEvents = false
            try context.checkOpen(force: false)
            var importer = try SignatoryImport(reader: &reader, path: path, options: options)
            var batch = ImportBatch(
                id: nil, statementId: context.statementId, fileName: path == "-" ? "standard input" : path,
                rowCount: 0, actor: actor, createdAt: Timestamps.instant(now))
            try batch.insert(db)
            var summary = try importer.run(reader: &reader, context: &context, batchId: try batch.requireId())
            summary.dryRun = options.dryRun
            summary.batchId = batch.id
            batch.rowCount = summary.rows
            try batch.update(db)
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: "import", statementId: context.statementId,
                subject: batch.fileName,
                new: ["batch": String(batch.id ?? 0), "rows": String(summary.rows), "signatures": String(summary.signatures),
                      "updated": String(summary.updated), "skipped": String(summary.duplicatesSkipped)])
            return summary
        }
    }
}

/// One pass over an import file, inside the import's transaction.
private struct SignatoryImport {
    static let maximumProblems = 20

    let path: String
    let options: ImportOptions
    let columns: [Int: ImportField]
    var problems: [Diagnostic] = []
    var seen: [String: Int] = [:]

    init(reader: inout CSVReader, path: String, options: ImportOptions) throws {
        self.path = path
        self.options = options
        guard let header = try reader.next() else {
            throw JointlyError.invalidFile([Diagnostic(path: path, line: 1, message: "the file is empty; it needs a header row naming the columns, such as org,country,website")])
        }
        var columns: [Int: ImportField] = [:]
        var unknown: [String] = []
        for (index, name) in header.fields.enumerated() {
            let cleaned = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let field = ImportField(rawValue: cleaned) {
                if columns.values.contains(field) {
                    throw JointlyError.invalidFile([Diagnostic(path: path, line: header.line, message: "the column '\(cleaned)' appears twice; keep one")])
                }
                columns[index] = field
            } else {
                unknown.append(name)
            }
        }
        let known = ImportField.allCases.map(\.rawValue).joined(separator: ", ")
        if !unknown.isEmpty {
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: header.line,
                message: "unknown column\(unknown.count == 1 ? "" : "s") \(Self.list(unknown)); the columns Jointly reads are: \(known)")])
        }
        if !columns.values.contains(.org) {
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: header.line,
                message: "no 'org' column (the organisation's name); the headers are: \(header.fields.joined(separator: ", "))")])
        }
        self.columns = columns
    }

    /// At most ten names, quoted, then how many more: a message stays one readable line.
    static func list(_ names: [String]) -> String {
        let shownNames = names.prefix(10).map { "'\(shown($0))'" }.joined(separator: ", ")
        return names.count > 10 ? shownNames + " and \(names.count - 10) more" : shownNames
    }

    mutating func run(reader: inout CSVReader, context: inout SigningContext, batchId: Int64) throws -> ImportSummary {
        var summary = ImportSummary()
        while let record = try nextRecord(&reader) {
            summary.rows += 1
            guard problems.count < Self.maximumProblems else { continue }
            do {
                try importRow(record, context: &context, batchId: batchId, summary: &summary)
            } catch let error as JointlyError {
                problems += error.lines.map { Diagnostic(path: path, line: record.line, message: $0) }
            }
        }
        if !problems.isEmpty {
            throw JointlyError.invalidFile(Array(problems.prefix(Self.maximumProblems)))
        }
        return summary
    }

    /// The next record; a broken file ends the import with the problems found so far.
    private mutating func nextRecord(_ reader: inout CSVReader) throws -> CSVRecord? {
        do {
            return try reader.next()
        } catch JointlyError.invalidFile(let diagnostics) {
            throw JointlyError.invalidFile(Array((problems + diagnostics).prefix(Self.maximumProblems)))
        }
    }

    private mutating func importRow(_ record: CSVRecord, context: inout SigningContext, batchId: Int64, summary: inout ImportSummary) throws {
        var values: [ImportField: String] = [:]
        for (index, field) in columns where index < record.fields.count {
            let cell = SpreadsheetFormula.restore(record.fields[index]).trimmingCharacters(in: .whitespacesAndNewlines)
            if !cell.isEmpty { values[field] = cell }
        }
        let status = try parseStatus(values[.status])
        let input = SignatoryInput(
            organisation: values[.org] ?? "", shortName: values[.shortName], country: values[.country],
            website: values[.website], kind: values[.kind], person: values[.person], title: values[.title],
            email: values[.email], demands: values[.demands].map(SignatoryInput.demandKeys),
            signedAt: values[.signedAt], unnamed: try parseBool(values[.unnamed], field: "unnamed"))
        let signatory: ValidSignatory
        switch input.validated() {
        case .success(let valid): signatory = valid
        case .failure(let problems): throw JointlyError.problems(problems.errors)
        }
        let identity = Names.normalized(signatory.name) + "\u{0}" + (signatory.country ?? "")
        if let first = seen[identity] {
            throw JointlyError.invalidValue(field: "org", value: signatory.name, reason: "already in this file at line \(first); keep one row per organisation")
        }
        seen[identity] = record.line
        let pending = status.map { $0 == .pending } ?? !options.verified
        let signOptions = SignOptions(pending: pending, update: options.onDuplicate == .update)
        do {
            switch try context.sign(signatory, options: signOptions, source: .import, batchId: batchId) {
            case .signed(_, _, let isNew, _):
                summary.signatures += 1
                if isNew { summary.newOrganisations += 1 }
            case .reactivated:
                summary.reactivated += 1
            case .updated:
                summary.updated += 1
            }
        } catch JointlyError.alreadySigned(let organisation, let slug, let status) {
            switch options.onDuplicate {
            case .skip, .update: summary.duplicatesSkipped += 1
            case .fail: throw JointlyError.alreadySigned(organisation: organisation, slug: slug, status: status)
            }
        }
    }

    private func parseStatus(_ text: String?) throws -> SignatureStatus? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "pending": return .pending
        case "verified": return .verified
        default:
            throw JointlyError.invalidValue(field: "status", value: text, reason: "an import takes pending or verified")
        }
    }

    private func parseBool(_ text: String?, field: String) throws -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default: throw JointlyError.invalidValue(field: field, value: text, reason: "write true or false")
        }
    }
}
