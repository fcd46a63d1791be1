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
public struct ImportOptions: Sendable {
    /// Make verified signatures instead of pending ones.
    public var verified: Bool
    /// Check everything, write nothing.
    public var dryRun: Bool
    /// Rows for organisations that already signed, in the database or earlier in the file.
    public var onDuplicate: DuplicatePolicy
    /// The field separator; nil: tab for TSV, else sniffed from the header (comma unless plainly `;`).
    public var delimiter: CSVDelimiter?
    /// The file's format; nil: guessed from its extension, else CSV.
    public var format: ImportFormat?
    /// The file's encoding; nil: UTF-8, or UTF-16 when it starts with a byte order mark.
    public var encoding: TextEncoding?
    /// How to read dates that could be day or month first.
    public var dateOrder: DateOrder?
    /// `--map COLUMN=FIELD`, over the headers Jointly recognises by itself.
    public var mappings: [ColumnMapping]

    /// Makes options; by default pending signatures, duplicates skipped, format and delimiter guessed.
    public init(
        verified: Bool = false, dryRun: Bool = false, onDuplicate: DuplicatePolicy = .skip, delimiter: CSVDelimiter? = nil,
        format: ImportFormat? = nil, encoding: TextEncoding? = nil, dateOrder: DateOrder? = nil, mappings: [ColumnMapping] = []
    ) {
        self.verified = verified
        self.dryRun = dryRun
        self.onDuplicate = onDuplicate
        self.delimiter = delimiter
        self.format = format
        self.encoding = encoding
        self.dateOrder = dateOrder
        self.mappings = mappings
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
    /// Names that may be organisations already known under another spelling.
    public var suggestions: [NearDuplicate] = []
    /// Columns of the file that no field reads.
    public var ignoredColumns: [String] = []

    /// One line for the person who ran the command.
    public var line: String {
        let verb = dryRun ? "would import" : "imported"
        var parts = ["\(verb) \(rows) row\(rows == 1 ? "" : "s"): \(signatures) new signature\(signatures == 1 ? "" : "s")",
                     "\(newOrganisations) new organisation\(newOrganisations == 1 ? "" : "s")",
                     "\(duplicatesSkipped) duplicate\(duplicatesSkipped == 1 ? "" : "s") skipped"]
        if updated > 0 { parts.append("\(updated) updated") }
        if reactivated > 0 { parts.append("\(reactivated) signed again after withdrawing") }
        if !suggestions.isEmpty {
            parts.append("\(suggestions.count) possible near-duplicate\(suggestions.count == 1 ? "" : "s") (below)")
        }
        var text = parts.joined(separator: ", ")
        if let batchId, !dryRun { text += " (batch \(batchId))" }
        if dryRun { text += "; nothing was written (dry run)" }
        return text
    }
}

extension AppDatabase {
    /// Imports signatories from a file (`-` for standard input) into statement `slug`.
    ///
    /// All or nothing: every row is checked inside one transaction, and the first 20
    /// problems are reported as `FILE:LINE: reason` with nothing written. `progress` is
    /// called with the number of rows read, every few thousand rows.
    public func importSignatories(
        slug: String, path: String, options: ImportOptions = ImportOptions(), actor: String,
        progress: ((Int) -> Void)? = nil
    ) throws -> ImportSummary {
        let format = options.format ?? (path == "-" ? .csv : ImportFormat.guess(path: path))
        let source = try ImportInput.open(path: path, encoding: options.encoding)
        var rows: any ImportRowReader
        switch format {
        case .csv, .tsv:
            let delimiter = options.delimiter ?? (format == .tsv ? .tab : ImportInput.sniffDelimiter(source.prefix) ?? .comma)
            rows = try CSVRowReader(source: source, name: path, delimiter: delimiter)
        case .json:
            rows = try JSONArrayRowReader(source: source, name: path)
        case .ndjson:
            rows = NDJSONRowReader(source: source, name: path)
        }
        let now = clock.now()
        return try write(commit: !options.dryRun) { db in
            // A big import updates indexes all over the file: a larger page cache for this
            // transaction keeps them in memory. Durability settings are left as they are.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(SignatoryImport.importCacheSize)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var context = try SigningContext(db: db, slug: slug, now: now, actor: actor)
            context.recordsEvents = false
            try context.checkOpen(force: false)
            var batch = ImportBatch(
                id: nil, statementId: context.statementId, fileName: path == "-" ? "standard input" : path,
                rowCount: 0, actor: actor, createdAt: Timestamps.instant(now))
            try batch.insert(db)
            var importer = try SignatoryImport(
                db: db, context: context, path: path, format: format, options: options, batchId: try batch.requireId())
            var summary = try importer.run(&rows, progress: progress)
            summary.dryRun = options.dryRun
            summary.batchId = batch.id
            batch.rowCount = summary.rows
            try batch.update(db)
            try AuditLog.append(
                db, time: Timestamps.instant(now), actor: actor, action: "import", statementId: context.statementId,
                subject: batch.fileName,
                new: ["batch": String(batch.id ?? 0), "rows": String(summary.rows), "signatures": String(summary.signatures),
                      "organisations": String(summary.newOrganisations), "updated": String(summary.updated),
                      "reactivated": String(summary.reactivated), "skipped": String(summary.duplicatesSkipped)])
            return summary
        }
    }
}

/// One pass over an import file, inside the import's transaction.
///
/// A row for an organisation the database does not know yet (most rows of a big file)
/// takes a fast path: statements prepared once, no records decoded, the organisation
/// and signature built by ``SigningContext``'s shared rules. Any other row goes through
/// ``SigningContext/sign(_:options:source:batchId:)`` itself, as `jointly sign` does.
private struct SignatoryImport {
    static let maximumProblems = 20
    static let progressEvery = 4096
    /// The most distinct cells a parse cache keeps, so memory stays flat on any file.
    static let maximumRemembered = 16_384
    /// The page cache during an import, in KiB (SQLite's negative form): 16 MiB, which
    /// holds a 100k-row file's indexes and keeps a million rows under 150 MB in all.
    static let importCacheSize = -16_384

    let db: Database
    var context: SigningContext
    let path: String
    let options: ImportOptions
    let batchId: Int64
    var columns: ImportColumns
    let restoresFormulas: Bool
    var problems: [Diagnostic] = []
    var summary = ImportSummary()
    var nearDuplicates = NearDuplicateFinder()
    /// Country as typed → code, so each spelling is looked up once.
    var countries: [String: String] = [:]
    /// Signed-at cell as typed → day: a file has few distinct days and the parse is pure.
    var days: [String: String] = [:]
    /// Demands cell as typed → keys, likewise: a form offers few combinations.
    var demandCells: [String: [String]] = [:]
    /// Hashes of every normalised name the database holds, kept up to date as rows add
    /// organisations. A name whose hash is missing (and which is no alias) cannot match,
    /// so ``OrganisationMatching/findId(_:normalized:name:country:)`` is not asked; any
    /// hit, true or a hash collision, is asked, so the answer is always the query's.
    var knownNames = Set<Int>()
    /// Every normalised alias; an import adds none.
    var aliases = Set<String>()
    var normaliser = NameNormaliser()
    /// The import's time, formatted once.
    let instant: String
    let today: String
    let insertOrganisation: GRDB.Statement
    let insertSignature: GRDB.Statement
    /// By number of rows inserted at once.
    var insertEndorsement: [GRDB.Statement?] = []
    let insertContact: GRDB.Statement

    init(db: Database, context: SigningContext, path: String, format: ImportFormat, options: ImportOptions, batchId: Int64) throws {
        self.db = db
        self.context = context
        self.path = path
        self.options = options
        self.batchId = batchId
        instant = Timestamps.instant(context.now)
        today = Timestamps.day(context.now)
        columns = ImportColumns(mappings: options.mappings, path: path)
        restoresFormulas = format == .csv || format == .tsv
        insertOrganisation = try db.makeStatement(sql: """
            INSERT INTO organisation (name, sortName, shortName, country, website, kind, normalizedName, createdAt, batchId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSignature = try db.makeStatement(sql: """
            INSERT INTO signature (statementId, organisationId, versionId, status, person, personTitle, onBehalf, unnamed,
                                   signedAt, source, batchId, verifiedAt, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertContact = try db.makeStatement(sql: """
            INSERT INTO contact (organisationId, signatureId, email, createdAt, batchId) VALUES (?, ?, ?, ?, ?)
            """)
        let known = try Row.fetchCursor(db, sql: "SELECT id, normalizedName FROM organisation")
        while let row = try known.next() {
            let normalized: String = row[1]
            nearDuplicates.remember(normalized: normalized, organisation: row[0])
            knownNames.insert(normalized.hashValue)
        }
        aliases = try Set(String.fetchCursor(db, sql: "SELECT normalizedAlias FROM organisationAlias"))
    }

    mutating func run(_ rows: inout any ImportRowReader, progress: ((Int) -> Void)?) throws -> ImportSummary {
        // A CSV header is known before the rows; JSON names its keys as it goes.
        let headerFirst = !rows.columns.isEmpty
        if headerFirst {
            try columns.map(rows.columns, line: rows.headerLine)
            try columns.checkMappings(rows.columns, line: rows.headerLine)
            try columns.requireOrganisation(rows.columns, line: rows.headerLine)
        }
        while let row = try nextRow(&rows) {
            summary.rows += 1
            if summary.rows % Self.progressEvery == 0 { progress?(summary.rows) }
            guard problems.count < Self.maximumProblems else { continue }
            do {
                if !headerFirst { try columns.map(rows.columns, line: row.line) }
                try importRow(row)
            } catch let error as JointlyError {
                if case .invalidFile(let diagnostics) = error {
                    problems += diagnostics
                } else {
                    problems += error.lines.map { Diagnostic(path: path, line: row.line, message: $0) }
                }
            } catch let error as DatabaseError {
                problems.append(Diagnostic(path: path, line: row.line, message: "the database refused this row: \(error.message ?? "\(error.resultCode)")"))
            }
        }
        progress?(summary.rows)
        if !headerFirst && summary.rows > 0 {
            try columns.requireOrganisation(rows.columns, line: rows.headerLine)
            try columns.checkMappings(rows.columns, line: rows.headerLine)
        }
        if !problems.isEmpty {
            throw JointlyError.invalidFile(Array(problems.prefix(Self.maximumProblems)))
        }
        summary.ignoredColumns = columns.ignored
        summary.suggestions = try resolveSuggestions()
        return summary
    }

    /// The next row; a broken file ends the import with the problems found so far.
    private mutating func nextRow(_ rows: inout any ImportRowReader) throws -> ImportRow? {
        do {
            return try rows.next()
        } catch JointlyError.invalidFile(let diagnostics) {
            throw JointlyError.invalidFile(Array((problems + diagnostics).prefix(Self.maximumProblems)))
        }
    }

    private mutating func importRow(_ row: ImportRow) throws {
        var values = [String?](repeating: nil, count: ImportField.allCases.count)
        for (index, field) in columns.fields where index < row.cells.count {
            // Only CSV and TSV exports neutralise formulas, so only they have a prefix to remove.
            let cell = Self.trimmed(restoresFormulas ? SpreadsheetFormula.restore(row.cells[index]) : row.cells[index])
            if !cell.isEmpty { values[field.ordinal] = cell }
        }
        func value(_ field: ImportField) -> String? { values[field.ordinal] }
        let status = try parseStatus(value(.status))
        var cellProblems: [JointlyError] = []
        var signedAt: String?
        if let text = value(.signedAt) {
            do { signedAt = try day(text) } catch let error as JointlyError { cellProblems.append(error) }
        }
        var unnamed: Bool?
        do { unnamed = try parseBool(value(.unnamed), field: "unnamed") } catch let error as JointlyError { cellProblems.append(error) }
        let country = value(.country).map { countryCode($0) }
        let input = SignatoryInput(
            organisation: value(.org) ?? "", shortName: value(.shortName), country: country,
            website: value(.website), kind: value(.kind), person: value(.person), title: value(.title),
            email: value(.email), demands: value(.demands).map { demandKeys($0) },
            signedAt: signedAt, unnamed: unnamed)
        let signatory: ValidSignatory
        switch input.validated() {
        case .success(let valid):
            guard cellProblems.isEmpty else { throw JointlyError.problems(cellProblems) }
            signatory = valid
        case .failure(let found):
            throw JointlyError.problems(found.errors + cellProblems)
        }
        let pending = status.map { $0 == .pending } ?? !options.verified
        let normalized = normaliser.normalized(signatory.name)
        let mayExist = knownNames.contains(normalized.hashValue) || aliases.contains(normalized)
        if mayExist, let existing = try OrganisationMatching.findId(
            db, normalized: normalized, name: signatory.name, country: signatory.country) {
            try signKnown(signatory, organisationId: existing, pending: pending)
        } else {
            try signNew(signatory, normalized: normalized, pending: pending, line: row.line)
        }
    }

    /// The fast path: a new organisation, its signature, endorsements and contact.
    private mutating func signNew(_ signatory: ValidSignatory, normalized: String, pending: Bool, line: Int) throws {
        let demands = try context.resolveDemands(signatory.demands)
        let organisation = context.newOrganisation(signatory, normalizedName: normalized, instant: instant)
        // The statements are ours and their arguments fixed, so GRDB need not count them each
        // row. Array literals: GRDB specialises their conversion, not a generic sequence's.
        insertOrganisation.setUncheckedArguments([
            organisation.name, organisation.sortName, organisation.shortName, organisation.country, organisation.website,
            organisation.kind?.rawValue, organisation.normalizedName, organisation.createdAt, batchId,
        ])
        try insertOrganisation.execute()
        let organisationId = db.lastInsertedRowID
        knownNames.insert(normalized.hashValue)
        let signature = context.newSignature(
            signatory, organisationId: organisationId, status: pending ? .pending : .verified, source: .import, batchId: batchId,
            instant: instant, today: today)
        insertSignature.setUncheckedArguments([
            signature.statementId, signature.organisationId, signature.versionId, signature.status.rawValue, signature.person,
            signature.personTitle, signature.onBehalf, signature.unnamed, signature.signedAt, signature.source.rawValue,
            signature.batchId, signature.verifiedAt, signature.createdAt, signature.updatedAt,
        ])
        try insertSignature.execute()
        let signatureId = db.lastInsertedRowID
        if !demands.isEmpty {
            // One statement for all of a row's endorsements: they are written together anyway.
            let insert = try insertEndorsements(count: demands.count)
            var arguments = StatementArguments()
            for demand in demands { arguments += [signatureId, demand] }
            insert.setUncheckedArguments(arguments)
            try insert.execute()
        }
        if let email = signatory.email {
            insertContact.setUncheckedArguments([organisationId, signatureId, email, organisation.createdAt, batchId])
            try insertContact.execute()
        }
        summary.signatures += 1
        summary.newOrganisations += 1
        nearDuplicates.add(normalized: normalized, organisation: organisationId, line: line)
    }

    /// An organisation the database knows (or that an earlier row added): `sign`'s own rules.
    private mutating func signKnown(_ signatory: ValidSignatory, organisationId: Int64, pending: Bool) throws {
        let lastContact = try Int64.fetchOne(db, sql: "SELECT max(id) FROM contact") ?? 0
        defer {
            // Contacts `sign` stored for this batch are the batch's, so `batch undo` removes them.
            try? db.execute(sql: "UPDATE contact SET batchId = ? WHERE id > ? AND batchId IS NULL", arguments: [batchId, lastContact])
        }
        do {
            try count(context.sign(signatory, options: SignOptions(pending: pending), source: .import, batchId: batchId))
        } catch JointlyError.alreadySigned(let organisation, let slug, let status) {
            switch options.onDuplicate {
            case .skip:
                summary.duplicatesSkipped += 1
            case .update:
                do {
                    try count(context.sign(signatory, options: SignOptions(pending: pending, update: true), source: .import, batchId: batchId))
                } catch JointlyError.alreadySigned {
                    summary.duplicatesSkipped += 1
                }
            case .fail:
                let earlier = try Int64.fetchOne(db, sql: """
                    SELECT batchId FROM signature WHERE statementId = ? AND organisationId = ?
                    """, arguments: [context.statementId, organisationId]) == batchId
                throw JointlyError.invalidValue(
                    field: "org", value: organisation,
                    reason: earlier
                        ? "appears earlier in this file; with --on-duplicate fail each organisation may have one row"
                        : "already signed '\(slug)' (\(status)); --on-duplicate skip or update accepts such rows")
            }
        }
    }

    private mutating func count(_ outcome: SignOutcome) {
        switch outcome {
        case .signed(_, _, let isNew, _):
            summary.signatures += 1
            if isNew { summary.newOrganisations += 1 }
        case .reactivated: summary.reactivated += 1
        case .updated: summary.updated += 1
        }
    }

    /// `INSERT INTO endorsement` of `count` rows, prepared the first time it is needed.
    private mutating func insertEndorsements(count: Int) throws -> GRDB.Statement {
        if count < insertEndorsement.count, let statement = insertEndorsement[count] { return statement }
        let statement = try db.makeStatement(sql: "INSERT INTO endorsement (signatureId, demandId) VALUES "
            + Array(repeating: "(?, ?)", count: count).joined(separator: ", "))
        if count >= insertEndorsement.count { insertEndorsement += Array(repeating: nil, count: count + 1 - insertEndorsement.count) }
        insertEndorsement[count] = statement
        return statement
    }

    /// ``ImportDates/day(_:order:)``, parsed once per distinct cell; problems are not kept.
    private mutating func day(_ text: String) throws -> String {
        if let known = days[text] { return known }
        let parsed = try ImportDates.day(text, order: options.dateOrder)
        if days.count < Self.maximumRemembered { days[text] = parsed }
        return parsed
    }

    /// ``SignatoryInput/demandKeys(_:)``, split once per distinct cell.
    private mutating func demandKeys(_ text: String) -> [String] {
        if let known = demandCells[text] { return known }
        let keys = SignatoryInput.demandKeys(text)
        if demandCells.count < Self.maximumRemembered { demandCells[text] = keys }
        return keys
    }

    private mutating func countryCode(_ text: String) -> String {
        if let code = countries[text] { return code }
        guard let code = Countries.code(for: text) else { return text }
        countries[text] = code
        return code
    }

    /// The near-duplicate pairs with their names; pairs of one normalised name (one name
    /// in two countries) are two organisations on purpose and left out.
    private func resolveSuggestions() throws -> [NearDuplicate] {
        var suggestions: [NearDuplicate] = []
        let fetch = try db.makeStatement(sql: "SELECT name, country, normalizedName FROM organisation WHERE id = ?")
        for pair in nearDuplicates.pairs {
            guard let new = try Row.fetchOne(fetch, arguments: [pair.organisation]),
                  let old = try Row.fetchOne(fetch, arguments: [pair.resembles]),
                  (new[2] as String) != (old[2] as String)
            else { continue }
            suggestions.append(NearDuplicate(name: new[0], country: new[1], line: pair.line, resembles: old[0], resemblesCountry: old[1]))
        }
        return suggestions
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
        }
    }
}
