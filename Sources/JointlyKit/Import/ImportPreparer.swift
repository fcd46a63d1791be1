import Foundation

/// A row of an import file made ready for the database: read, mapped, parsed, checked and
/// normalised, with everything the writing side needs computed already.
struct PreparedRow {
    var line: Int
    var signatory: ValidSignatory
    /// The name as organisations are matched (``NameNormaliser``).
    var normalized: String
    /// `normalized.utf8HashValue`, computed here, on the reading thread.
    var normalizedHash: Int
    /// The hash of the name's ``NearDuplicateKey``.
    var nearDuplicateHash: Int
    /// The same for the short name, if the row has one: a later row named by it is a suggestion.
    var shortNameHash: Int?
    /// Whether the signature waits for verification.
    var pending: Bool
    /// The demands the row endorses, resolved against the statement's current version.
    var demands: [Int64]
    /// A country cell that names two countries ("Congo": CD or CG), with their codes: the
    /// writing side takes the one an organisation of this name is stored with, if exactly
    /// one is, and refuses the row otherwise. Nil for every other row.
    var countryChoices: (text: String, codes: [String])? = nil
}

/// What the reading side hands over, in file order.
enum PreparedItem {
    case row(PreparedRow)
    /// A row with problems: one diagnostic per problem, each naming the row's line.
    case invalid([Diagnostic])
    /// A row read after the import had enough problems to stop: counted, not checked.
    case counted
}

extension JointlyError {
    /// The error as lines of `FILE:LINE: reason` about one row of an import.
    func diagnostics(path: String, line: Int) -> [Diagnostic] {
        if case .invalidFile(let diagnostics) = self { return diagnostics }
        return lines.map { Diagnostic(path: path, line: line, message: $0) }
    }
}

/// How the reading side ended: the file's columns, or the error that stopped it.
struct PreparedEnd {
    /// Columns of the file that no field reads.
    var ignoredColumns: [String]
    /// The error that ended the reading early (a broken file), if any.
    var error: (any Error)?
    /// A problem with the columns JSON objects named (no organisation, a mapping to no
    /// column), found at the end: it is reported alone, the rows' problems follow from it.
    var columnsError: (any Error)?
}

/// The reading side of an import: everything that needs no database.
///
/// It runs on its own thread while ``SignatoryImport`` writes the rows it has prepared, so
/// the two halves of an import use both cores. It owns the row reader, the column map and
/// the parse caches; nothing in it is shared with the writing side.
final class ImportPreparer: @unchecked Sendable {
    /// Rows handed over at once: few enough to keep memory flat, many enough that the
    /// hand-over costs nothing per row.
    static let batchSize = 512
    /// The most distinct cells a parse cache keeps, so memory stays flat on any file.
    static let maximumRemembered = 16_384

    private var rows: any ImportRowReader
    private var columns: ImportColumns
    private let path: String
    private let options: ImportOptions
    private let demands: StatementDemands
    private let restoresFormulas: Bool
    private var normaliser = NameNormaliser()
    /// Country as typed → code, so each spelling is looked up once.
    private var countries: [String: String] = [:]
    /// Signed-at cell as typed → day: a file has few distinct days and the parse is pure.
    private var days: [String: String] = [:]
    /// Demands cell as typed → keys, likewise: a form offers few combinations.
    private var demandCells: [String: [String]] = [:]

    /// The latest signed-at day a row may have, and today, for the error: see ``Timestamps/futureProblem(_:at:happened:)``.
    private let latestDay: String
    private let today: String
    /// The statement's date, and the earliest signed-at day it takes (none with `--force`):
    /// see ``Timestamps/earlyProblem(_:earliest:statementDate:)``.
    private let statementDate: String
    private let earliestDay: String

    init(
        rows: any ImportRowReader, path: String, format: ImportFormat, options: ImportOptions, demands: StatementDemands,
        statementDate: String, now: Date
    ) {
        self.rows = rows
        self.statementDate = statementDate
        earliestDay = options.force ? "" : Timestamps.earliestSignedAt(statementDate: statementDate)
        latestDay = Timestamps.latestDay(now)
        today = Timestamps.day(now)
        self.path = path
        self.options = options
        self.demands = demands
        columns = ImportColumns(mappings: options.mappings, path: path)
        restoresFormulas = format == .csv || format == .tsv
    }

    /// Checks a header that comes before the rows (CSV, TSV); JSON names its keys as it goes.
    func checkHeader() throws {
        guard !rows.columns.isEmpty else { return }
        try columns.map(rows.columns, line: rows.headerLine)
        try columns.checkMappings(rows.columns, line: rows.headerLine)
        try columns.requireOrganisation(rows.columns, line: rows.headerLine)
    }

    /// Reads the whole file into `channel`, a batch at a time, and ends it. Stops early when
    /// the channel is cancelled; once the writing side has enough problems, rows are only
    /// read (a broken file is still reported) and counted, not prepared.
    func run(into channel: RowChannel) {
        let headerFirst = !rows.columns.isEmpty
        var batch: [PreparedItem] = []
        batch.reserveCapacity(Self.batchSize)
        var preparing = true
        var count = 0
        do {
            while let row = try rows.next() {
                count += 1
                if preparing {
                    batch.append(prepare(row, mapColumns: !headerFirst))
                } else {
                    batch.append(.counted)
                }
                if batch.count == Self.batchSize {
                    guard channel.send(batch) else { return }
                    preparing = !channel.stopsPreparing
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { guard channel.send(batch) else { return } }
            var columnsError: (any Error)?
            if !headerFirst && count > 0 {
                do {
                    try columns.requireOrganisation(rows.columns, line: rows.headerLine)
                    try columns.checkMappings(rows.columns, line: rows.headerLine)
                } catch {
                    columnsError = error
                }
            }
            channel.finish(PreparedEnd(ignoredColumns: columns.ignored, error: nil, columnsError: columnsError))
        } catch {
            if !batch.isEmpty { guard channel.send(batch) else { return } }
            channel.finish(PreparedEnd(ignoredColumns: columns.ignored, error: error, columnsError: nil))
        }
    }

    private func prepare(_ row: ImportRow, mapColumns: Bool) -> PreparedItem {
        if let problem = row.problem { return .invalid([Diagnostic(path: path, line: row.line, message: problem)]) }
        do {
            if mapColumns { try columns.map(rows.columns, line: row.line) }
            return .row(try prepared(row))
        } catch let error as JointlyError {
            return .invalid(error.diagnostics(path: path, line: row.line))
        } catch {
            return .invalid([Diagnostic(path: path, line: row.line, message: "\(error)")])
        }
    }

    private func prepared(_ row: ImportRow) throws -> PreparedRow {
        var values = [String?](repeating: nil, count: ImportField.allCases.count)
        for (index, field) in columns.fields where index < row.cells.count {
            // Only CSV and TSV exports neutralise formulas, so only they have a prefix to remove.
            let cell = Self.trimmed(restoresFormulas ? SpreadsheetFormula.restore(row.cells[index]) : row.cells[index])
            if !cell.isEmpty { values[field.ordinal] = cell }
        }
        func value(_ field: ImportField) -> String? { values[field.ordinal] }
        var cellProblems: [JointlyError] = []
        if !row.jsonKinds.isEmpty {
            let problems = jsonKindProblems(row)
            if !problems.isEmpty { throw JointlyError.problems(problems) }
        }
        let status = try parseStatus(value(.status))
        var signedAt: String?
        if let text = value(.signedAt) {
            do { signedAt = try day(text) } catch let error as JointlyError { cellProblems.append(error) }
        }
        var unnamed: Bool?
        do { unnamed = try parseBool(value(.unnamed), field: "unnamed") } catch let error as JointlyError { cellProblems.append(error) }
        var onBehalf: Bool?
        do { onBehalf = try parseBool(value(.onBehalf), field: "on-behalf") } catch let error as JointlyError { cellProblems.append(error) }
        var countryText = value(.country)
        var countryChoices: (text: String, codes: [String])?
        // Asked only of a cell not already read as a code (`countries` keeps those).
        if let text = countryText, countries[text] == nil, Countries.code(for: text) == nil, let codes = Countries.meanings(of: text) {
            countryChoices = (text, codes)
            countryText = nil
        }
        let country = countryText.map { countryCode($0) }
        var input = SignatoryInput(
            organisation: value(.org) ?? "", shortName: value(.shortName), country: country,
            website: value(.website), kind: value(.kind), person: value(.person), title: value(.title),
            email: value(.email).flatMap(Self.email), demands: value(.demands).map { demandKeys($0) },
            signedAt: signedAt, unnamed: unnamed, onBehalf: onBehalf)
        let signatory: ValidSignatory
        switch input.validated() {
        case .success(let valid) where cellProblems.isEmpty:
            signatory = valid
        default:
            // A row with other problems reports its two-country cell beside them.
            if let countryChoices { input.country = countryChoices.text }
            let found = if case .failure(let found) = input.validated() { found.errors } else { [JointlyError]() }
            throw JointlyError.problems(found + cellProblems)
        }
        let resolved = try demands.resolve(signatory.demands, textsAccepted: true)
        let normalized = normaliser.normalized(signatory.name)
        return PreparedRow(
            line: row.line, signatory: signatory, normalized: normalized, normalizedHash: normalized.utf8HashValue,
            nearDuplicateHash: NearDuplicateKey.hash(normalized: normalized),
            shortNameHash: signatory.shortName.map { NearDuplicateKey.hash(normalized: normaliser.normalized($0)) },
            pending: status.map { $0 == .pending } ?? !options.verified, demands: resolved, countryChoices: countryChoices)
    }

    /// A JSON `true` or list where the field takes neither: `"organisation": true` or
    /// `["A", "B"]` would otherwise be imported, and published, as the name "true" or "A,B";
    /// and `"demands": []` would mean every demand, the opposite of what it says.
    private func jsonKindProblems(_ row: ImportRow) -> [JointlyError] {
        var problems: [JointlyError] = []
        for (index, field) in columns.fields.sorted(by: { $0.key < $1.key }) {
            guard let kind = row.jsonKinds[index] else { continue }
            let key = index < rows.columns.count ? rows.columns[index] : field.rawValue
            switch (kind, field) {
            case (.boolean, .unnamed), (.boolean, .onBehalf), (.list, .demands): continue
            case (.emptyList, .demands):
                problems.append(.invalidValue(
                    field: key, value: "[]",
                    reason: "endorses no demand; leave the key out (or null) to endorse every demand, or list the demand keys"))
            case (.boolean, _):
                problems.append(.invalidValue(
                    field: key, value: row.cells[index], reason: "is true or false where text belongs; put it in quotes if it is meant"))
            case (.list, _), (.emptyList, _):
                problems.append(.invalidValue(
                    field: key, value: "[" + row.cells[index] + "]", reason: "is a list, and only demands takes one; give it as text"))
            }
        }
        return problems
    }

    /// ``ImportDates/day(_:order:)``, parsed once per distinct cell; problems are not kept.
    private func day(_ text: String) throws -> String {
        if let known = days[text] { return known }
        let parsed = try ImportDates.day(text, order: options.dateOrder)
        if let problem = Timestamps.futureProblem(parsed, latestDay: latestDay, today: today, happened: SignatoryInput.signedAtRule) {
            throw JointlyError.invalidValue(field: "signed-at", value: text, reason: problem)
        }
        if let problem = Timestamps.earlyProblem(parsed, earliest: earliestDay, statementDate: statementDate, dateOrder: true) {
            throw JointlyError.invalidValue(field: "signed-at", value: text, reason: problem)
        }
        if days.count < Self.maximumRemembered { days[text] = parsed }
        return parsed
    }

    /// ``SignatoryInput/demandKeys(_:)``, split once per distinct cell.
    /// An e-mail cell; Microsoft Forms writes `anonymous` there when a form collects no
    /// addresses, which is no address rather than a broken one.
    static func email(_ cell: String) -> String? {
        cell.caseInsensitiveCompare("anonymous") == .orderedSame ? nil : cell
    }

    private func demandKeys(_ text: String) -> [String] {
        if let known = demandCells[text] { return known }
        var keys = SignatoryInput.demandKeys(text)
        // A form's checkboxes give the demands' texts, which may hold commas themselves.
        if keys.contains(where: { demands.ids[$0] == nil }) {
            // Else each part a text names is its key, so the error lists only what is unknown.
            keys = demands.keys(listedIn: text)
                ?? keys.map { part in demands.ids[part] == nil ? demands.keys(listedIn: part)?.first ?? part : part }
        }
        if demandCells.count < Self.maximumRemembered { demandCells[text] = keys }
        return keys
    }

    private func countryCode(_ text: String) -> String {
        if let code = countries[text] { return code }
        guard let code = Countries.code(for: text) else { return text }
        if countries.count < Self.maximumRemembered { countries[text] = code }
        return code
    }

    /// `text` without surrounding whitespace; cheap for the usual cell that has none.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !Names.isWhiteSpace(first) && !Names.isWhiteSpace(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
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

extension ImportField {
    /// The field's position in `allCases`, to index a row's values without hashing.
    var ordinal: Int {
        switch self {
        case .org: 0
        case .shortName: 1
        case .country: 2
        case .website: 3
        case .kind: 4
        case .person: 5
        case .title: 6
        case .email: 7
        case .demands: 8
        case .signedAt: 9
        case .status: 10
        case .unnamed: 11
        case .onBehalf: 12
        }
    }
}
