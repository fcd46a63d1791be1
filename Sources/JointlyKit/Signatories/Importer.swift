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
    /// Import past the statement's deadline (signatures collected before it closed, typed in late).
    public var force = false
    /// How many organisations an import adds (and at least as many as the database had)
    /// before it stops keeping the `organisation_identity` index up to date row by row and
    /// builds it once at the end instead. Tests lower it to run small files in that mode.
    var bulkAfter = 20_000

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
    /// Rows for organisations that withdrew: left withdrawn, never signed again by an import.
    public var withdrawnKept = 0
    public var batchId: Int64?
    public var dryRun = false
    /// Why a dry run checked in the database itself, holding its write lock, instead of in
    /// a private copy (no copy could be made); nil when it did not.
    public var checkedInPlace: String?
    /// Names that may be organisations already known under another spelling.
    public var suggestions: [NearDuplicate] = []
    /// Columns of the file that no field reads.
    public var ignoredColumns: [String] = []
    /// The first ``SkippedRow/shown`` rows skipped as duplicates, so a person can check each
    /// was one; `duplicatesSkipped` counts them all.
    public var skipped: [SkippedRow] = []
    /// The first ``SkippedRow/shown`` rows that changed a signature (`updated` counts them
    /// all), with what changed: a row can replace what an earlier row of the file said.
    public var updatedRows: [UpdatedRow] = []
    /// Rows that would have named a signatory that asked to be unnamed (`--on-duplicate
    /// update` with `unnamed` false): the signature stays unnamed, as only `sign --update
    /// --no-unnamed` names it again; the first ``SkippedRow/shown`` are described.
    public var keptUnnamedCount = 0
    public var keptUnnamed: [String] = []
    /// The first ``SkippedRow/shown`` rows for organisations that withdrew (`withdrawnKept`
    /// counts them all), so a person can see who would have come back.
    public var keptWithdrawn: [SkippedRow] = []
    /// Known organisations whose blank details (country, website, kind, short name) a row
    /// filled in, whatever became of its signature; the first ``SkippedRow/shown`` named.
    public var organisationsCompleted = 0
    public var completed: [OrganisationDetails] = []
    /// Rows whose details differ from a known organisation's: left as they are, since an
    /// import only fills blanks; the first ``SkippedRow/shown`` named.
    public var detailsDiffering = 0
    public var differing: [OrganisationDetails] = []

    /// One line for the person who ran the command.
    public var line: String {
        let verb = dryRun ? "would import" : "imported"
        var parts = ["\(verb) \(rows) row\(rows == 1 ? "" : "s"): \(signatures) new signature\(signatures == 1 ? "" : "s")",
                     "\(newOrganisations) new organisation\(newOrganisations == 1 ? "" : "s")",
                     "\(duplicatesSkipped) duplicate\(duplicatesSkipped == 1 ? "" : "s") skipped"]
        if updated > 0 { parts.append("\(updated) updated") }
        if withdrawnKept > 0 {
            parts.append("\(withdrawnKept) withdrawn organisation\(withdrawnKept == 1 ? "" : "s") left withdrawn "
                + "('jointly sign' signs one again if it asked to)")
        }
        if !suggestions.isEmpty {
            parts.append("\(suggestions.count) possible near-duplicate\(suggestions.count == 1 ? "" : "s") (below)")
        }
        var text = parts.joined(separator: ", ")
        if let batchId, !dryRun { text += " (batch \(batchId))" }
        if dryRun { text += "; nothing was written (dry run)" }
        return text
    }
}

/// What one row said of a known organisation's details: the blanks it filled in, or the
/// details it gave that differ from those the organisation has.
public struct OrganisationDetails: Equatable, Sendable {
    public var line: Int
    public var organisation: String
    /// (field, the organisation's value or nil, the row's value), in field order.
    public var fields: [Field]

    public struct Field: Equatable, Sendable {
        public var name: String
        public var flag: String
        public var stored: String?
        public var given: String
    }

    /// `line 4: 'Access Now': website https://www.accessnow.org, short name AN`.
    public var filledMessage: String {
        "line \(line): '\(organisation)': " + fields.map { "\($0.name) \($0.given)" }.joined(separator: ", ")
    }

    /// `line 4: 'Access Now' has website A; the file says B (to change it: jointly org edit …)`.
    public var differingMessage: String {
        let has = fields.map { "\($0.name) \($0.stored ?? "")" }.joined(separator: ", ")
        let says = fields.map(\.given).joined(separator: ", ")
        let flags = fields.map { "\($0.flag) \(Shell.quoted($0.given))" }.joined(separator: " ")
        return "line \(line): '\(organisation)' has \(has); the file says \(says) (to change it: jointly org edit \(Shell.quoted(organisation)) \(flags))"
    }
}

/// A row skipped because its organisation had already signed.
public struct SkippedRow: Equatable, Sendable {
    /// How many a summary names; the rest are counted.
    public static let shown = 20

    public var line: Int
    /// The name as the file has it.
    public var name: String
    /// The organisation it was matched to, as stored.
    public var organisation: String
    /// The existing signature's status, or nil when an earlier row of the same file signed.
    public var status: String?

    /// One line for the person who ran the import.
    public var message: String {
        let matched = name == organisation ? "" : " as '\(organisation)'"
        guard let status else { return "line \(line): '\(name)' appears earlier in this file\(matched)" }
        return "line \(line): '\(name)' already signed\(matched) (\(status))"
    }
}

/// A row that changed an existing signature (`--on-duplicate update`).
public struct UpdatedRow: Equatable, Sendable {
    public var line: Int
    /// The name as the file has it.
    public var name: String
    /// The organisation it was matched to, as stored.
    public var organisation: String
    /// What changed, as `sign --update` says it ("demands", "signed-at", …).
    public var changes: [String]
    /// Whether the signature was made by an earlier row of the same file, whose values
    /// this row replaced: two answers from one group, of which only the last now counts.
    public var replacesEarlierRow: Bool

    /// One line for the person who ran the import.
    public var message: String {
        let matched = name == organisation ? "" : " ('\(organisation)')"
        let what = changes.joined(separator: ", ")
        guard replacesEarlierRow else { return "line \(line): '\(name)'\(matched): \(what)" }
        return "line \(line): '\(name)'\(matched) replaced what an earlier line of this file said: \(what); check which answer is right"
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
        try ColumnMapping.checkEachColumnOnce(options.mappings)
        let source = try ImportInput.open(path: path, encoding: options.encoding)
        let format = options.format ?? (path == "-" ? ImportFormat.sniff(source.prefix) : ImportFormat.guess(path: path))
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
        // A dry run writes into a copy it throws away: the database's write lock stays free
        // for the colleagues signing meanwhile. (It commits there, so it checks all the real
        // run checks, the commit's too.)
        if options.dryRun {
            let scratch: ScratchCopy?
            var inPlace: String?
            do {
                scratch = try ScratchCopy.of(self)
            } catch {
                // No copy (a full disk): the dry run checks in place, as one transaction it
                // rolls back, and the command says it holds the write lock meanwhile.
                scratch = nil
                inPlace = (error as? JointlyError)?.lines.first ?? "\(error)"
            }
            if let scratch {
                defer { scratch.discard() }
                return try scratch.database.importRows(
                    rows, format: format, slug: slug, path: path, options: options, actor: actor, commit: true, progress: progress)
            }
            var summary = try importRows(rows, format: format, slug: slug, path: path, options: options, actor: actor,
                                         commit: false, progress: progress)
            summary.checkedInPlace = inPlace
            return summary
        }
        return try importRows(rows, format: format, slug: slug, path: path, options: options, actor: actor,
                              commit: true, progress: progress)
    }

    private func importRows(
        _ rows: any ImportRowReader, format: ImportFormat, slug: String, path: String, options: ImportOptions, actor: String,
        commit: Bool, progress: ((Int) -> Void)?
    ) throws -> ImportSummary {
        let now = clock.now()
        return try write(commit: commit) { db in
            // A big import updates indexes all over the file. Durability settings are left as they are.
            try db.withPageCache(kibibytes: SignatoryImport.importCacheSize) {
                var context = try SigningContext(db: db, slug: slug, now: now, actor: actor, demandTexts: true)
                context.recordsEvents = false
                // The deadline is each new signature's (`signNew`, `sign`): after it, a sheet
                // may still update signatures, ask for one to be unnamed, or verify them.
                if context.statement.status == .closed { throw JointlyError.statementClosed(slug: slug) }
                var batch = ImportBatch(
                    id: nil, statementId: context.statementId, fileName: path == "-" ? "standard input" : path,
                    rowCount: 0, actor: actor, createdAt: Timestamps.instant(now))
                try batch.insert(db)
                let preparer = ImportPreparer(rows: rows, path: path, format: format, options: options, demands: context.demands,
                                             statementDate: context.statement.date, now: now)
                var importer = try SignatoryImport(
                    db: db, context: context, path: path, options: options, batchId: try batch.requireId())
                var summary = try importer.run(preparer, progress: progress)
                summary.dryRun = options.dryRun
                summary.batchId = batch.id
                batch.rowCount = summary.rows
                try batch.update(db)
                var record = [
                    "batch": String(batch.id ?? 0), "rows": String(summary.rows), "signatures": String(summary.signatures),
                    "organisations": String(summary.newOrganisations), "updated": String(summary.updated),
                    "withdrawnKept": String(summary.withdrawnKept), "skipped": String(summary.duplicatesSkipped),
                    "organisationsCompleted": String(summary.organisationsCompleted)]
                // As `sign --force` does: the audit log says the deadline was passed, and which.
                if context.isPastDeadline, summary.signatures > 0, let deadline = context.statement.deadline {
                    record["pastDeadline"] = deadline
                }
                try AuditLog.append(
                    db, time: Timestamps.instant(now), actor: actor, action: .importBatch, statementId: context.statementId,
                    subject: batch.fileName, new: record)
                // What remains is the commit: an interrupt now waits until the command has said
                // what it saved (the command ends the hold, ``Interrupts/release()``).
                if !options.dryRun { try InterruptCleanup.holdForCommit() }
                return summary
            }
        }
    }
}

/// The writing half of an import, inside the import's transaction.
///
/// ``ImportPreparer`` reads and checks the file on a second thread and hands over rows
/// ready to write, so reading and writing use both cores. A row for an organisation the
/// database does not know yet (most rows of a big file) takes a fast path: statements
/// prepared once, no records decoded, the organisation and signature built by
/// ``SigningContext``'s shared rules. Any other row goes through
/// ``SigningContext/sign(_:options:source:batchId:)`` itself, as `jointly sign` does.
private struct SignatoryImport {
    static let maximumProblems = 20
    static let progressEvery = 4096
    /// The page cache during an import, in KiB: 16 MiB, which holds a 100k-row file's
    /// indexes and keeps a million rows under 150 MB in all.
    static let importCacheSize = 16_384

    let db: Database
    var context: SigningContext
    let path: String
    let options: ImportOptions
    let batchId: Int64
    var problems: [Diagnostic] = []
    var summary = ImportSummary()
    /// The organisations whose signatures this import updated, so a later row for one is
    /// known to replace what an earlier row said (only rows that update are remembered).
    var updatedOrganisations: Set<Int64> = []
    var nearDuplicates = NearDuplicateFinder()
    /// Every organisation and alias the database holds, kept up to date as rows add
    /// organisations: rows are matched from it, by ``OrganisationMatching``'s rule, so the
    /// identity index can be dropped during a big import.
    var knownNames = KnownNames()
    /// The organisations the database had when the import began.
    var organisationsBefore = 0
    /// Whether `organisation_identity` was dropped, to be built again at the end.
    var identityIndexDropped = false
    let fetchIdentity: GRDB.Statement
    /// The import's time, formatted once.
    let instant: String
    let today: String
    let insertOrganisation: BulkInsert
    let insertSignature: BulkInsert
    /// One row a run, on purpose: a multi-row `INSERT … VALUES` may fail half-way, so SQLite
    /// gives it a statement journal, a copy of every page it touches. Once one such journal
    /// outgrew its 64 KiB in memory it became a temporary file for the rest of the import,
    /// and a million rows spent a third of their time writing it (strace: 5.5 writes a row).
    let insertEndorsement: BulkInsert
    let insertContact: BulkInsert

    init(db: Database, context: SigningContext, path: String, options: ImportOptions, batchId: Int64) throws {
        self.db = db
        self.context = context
        self.path = path
        self.options = options
        self.batchId = batchId
        instant = Timestamps.instant(context.now)
        today = Timestamps.day(context.now)
        // Parameters past the row's own values are the same for every row: bound once here.
        insertOrganisation = try BulkInsert(db, sql: """
            INSERT INTO organisation (name, sortName, shortName, country, website, kind, normalizedName, createdAt, batchId)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """)
        insertOrganisation.bind(instant, at: 8)
        insertOrganisation.bind(batchId, at: 9)
        insertSignature = try BulkInsert(db, sql: """
            INSERT INTO signature (organisationId, status, person, personTitle, onBehalf, unnamed, signedAt, verifiedAt,
                                   statementId, versionId, source, batchId, createdAt, updatedAt)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
            """)
        insertSignature.bind(context.statementId, at: 9)
        insertSignature.bind(context.versionId, at: 10)
        insertSignature.bind(SignatureSource.import.rawValue, at: 11)
        insertSignature.bind(batchId, at: 12)
        insertSignature.bind(instant, at: 13)
        insertContact = try BulkInsert(db, sql: """
            INSERT INTO contact (organisationId, signatureId, email, createdAt, batchId) VALUES (?1, ?2, ?3, ?4, ?5)
            """)
        insertEndorsement = try BulkInsert(db, sql: "INSERT INTO endorsement (signatureId, demandId) VALUES (?1, ?2)")
        insertContact.bind(instant, at: 4)
        insertContact.bind(batchId, at: 5)
        fetchIdentity = try db.makeStatement(sql: "SELECT normalizedName, country FROM organisation WHERE id = ?")
        let known = try Row.fetchCursor(db, sql: "SELECT id, normalizedName, shortName FROM organisation")
        while let row = try known.next() {
            let normalized: String = row[1]
            nearDuplicates.remember(keyHash: NearDuplicateKey.hash(normalized: normalized), organisation: row[0])
            knownNames.add(organisation: row[0], hash: normalized.utf8HashValue)
            // A row named by a known short name ("CPJ") is a suggestion, not a silent new organisation.
            if let shortName: String = row[2] {
                nearDuplicates.remember(keyHash: NearDuplicateKey.hash(normalized: Names.normalized(shortName)), organisation: row[0])
            }
        }
        organisationsBefore = knownNames.count
        let aliases = try String.fetchCursor(db, sql: "SELECT normalizedAlias FROM organisationAlias")
        while let alias = try aliases.next() { knownNames.add(alias: alias.utf8HashValue) }
    }

    /// The index that makes a name and country one organisation, exactly as the schema
    /// declares it (a test compares the schema after a big import with a new database's).
    static let identityIndex = "CREATE UNIQUE INDEX organisation_identity ON organisation(normalizedName, ifnull(country, ''))"

    /// The problems to report: the rows' first ones and, last, what ended the reading (an
    /// unclosed quote, which may be why the rows before it look wrong), within the limit;
    /// a closing line when the checking stopped at the limit, as there may be more.
    private func reported(_ rows: [Diagnostic], ending: [Diagnostic] = []) -> [Diagnostic] {
        var shown = Array(rows.prefix(max(Self.maximumProblems - ending.count, 0))) + ending
        if rows.count >= Self.maximumProblems {
            shown.append(Diagnostic(
                path: path, line: nil,
                message: "stopped after \(Self.maximumProblems) problems; fix these and run the import again to find any others"))
        }
        return shown
    }

    /// Writes the rows `preparer` reads, which it does on a thread of its own.
    mutating func run(_ preparer: ImportPreparer, progress: ((Int) -> Void)?) throws -> ImportSummary {
        try preparer.checkHeader()
        let channel = RowChannel()
        let done = DispatchSemaphore(value: 0)
        let reading = Thread {
            preparer.run(into: channel)
            done.signal()
        }
        reading.stackSize = 8 << 20
        reading.start()
        // However this ends, the reading thread stops before the transaction does.
        defer {
            channel.cancel()
            done.wait()
        }
        while let batch = channel.receive() {
            for item in batch {
                summary.rows += 1
                if summary.rows % Self.progressEvery == 0 { progress?(summary.rows) }
                guard problems.count < Self.maximumProblems else { continue }
                switch item {
                case .row(let row):
                    do {
                        try write(row)
                    } catch let error as JointlyError {
                        problems += error.diagnostics(path: path, line: row.line)
                    } catch let error as DatabaseError {
                        problems.append(Diagnostic(
                            path: path, line: row.line,
                            message: "the database refused this row: \(error.message ?? "\(error.resultCode)")"))
                    }
                case .invalid(let diagnostics):
                    problems += diagnostics
                case .counted:
                    break
                }
            }
            if problems.count >= Self.maximumProblems { channel.stopPreparing() }
        }
        progress?(summary.rows)
        guard let end = channel.end else { throw JointlyError.database("the import stopped reading its file") }
        if let error = end.error {
            guard case JointlyError.invalidFile(let diagnostics) = error else { throw error }
            throw JointlyError.invalidFile(reported(problems, ending: diagnostics))
        }
        if let error = end.columnsError { throw error }
        if !problems.isEmpty {
            throw JointlyError.invalidFile(reported(problems))
        }
        if identityIndexDropped {
            // Building the index checks, once for every row, what each insert checked before.
            try db.execute(sql: Self.identityIndex)
            identityIndexDropped = false
        }
        summary.ignoredColumns = end.ignoredColumns
        summary.suggestions = try resolveSuggestions()
        return summary
    }

    private mutating func write(_ row: PreparedRow) throws {
        if let choices = row.countryChoices { return try writeChoosingCountry(row, choices: choices) }
        if let existing = try match(row) {
            try signKnown(row.signatory, organisationId: existing, pending: row.pending, line: row.line)
        } else {
            try signNew(row)
        }
    }

    /// The organisation the row names, if the database has it: by normalised name, else by
    /// alias (``OrganisationMatching/findId(_:normalized:name:country:)``'s rule), with the
    /// candidates named by `knownNames` rather than by the identity index.
    private func match(_ row: PreparedRow) throws -> Int64? {
        // An import has no --country: the row's own country cell says which.
        try OrganisationMatching.choose(candidates(row), name: row.signatory.name, country: row.signatory.country, countryOption: nil)
    }

    /// A row whose country cell names two countries ("Congo"): a sheet exported again
    /// after the first import still says "Congo" of a group stored since as CD. The row
    /// means the organisation of its name stored in one of them, if exactly one is;
    /// otherwise it is refused, naming both codes, as a guess could publish the wrong one.
    private mutating func writeChoosingCountry(_ row: PreparedRow, choices: (text: String, codes: [String])) throws {
        let stored = try candidates(row).filter { $0.country.map(choices.codes.contains) ?? false }
        guard stored.count == 1, let organisation = stored.first else {
            throw OrganisationMatching.twoCountries(choices.text, codes: choices.codes)
        }
        var signatory = row.signatory
        signatory.country = organisation.country
        try signKnown(signatory, organisationId: organisation.id, pending: row.pending, line: row.line)
    }

    /// The organisations the row's name matches: by normalised name, else by alias.
    private func candidates(_ row: PreparedRow) throws -> [OrganisationMatching.Candidate] {
        var candidates: [OrganisationMatching.Candidate] = []
        for id in knownNames.organisations(hash: row.normalizedHash) {
            guard let stored = try Row.fetchOne(fetchIdentity, arguments: [id]), (stored[0] as String) == row.normalized
            else { continue }
            candidates.append(OrganisationMatching.Candidate(id: id, country: stored[1]))
        }
        if OrganisationMatching.lookAtAliases(candidates, country: row.signatory.country), knownNames.mayBeAlias(hash: row.normalizedHash) {
            candidates += try OrganisationMatching.aliasCandidates(db, normalized: row.normalized)
        }
        return candidates
    }

    /// Once the import has added `bulkAfter` organisations, and as many as the database had,
    /// drops the identity index: it is built again, far faster, at the end.
    private mutating func dropIdentityIndexIfBig() throws {
        let added = knownNames.count - organisationsBefore
        guard !identityIndexDropped, added >= options.bulkAfter, added >= organisationsBefore else { return }
        try db.execute(sql: "DROP INDEX organisation_identity")
        identityIndexDropped = true
    }

    /// The fast path: a new organisation, its signature, endorsements and contact.
    private mutating func signNew(_ row: PreparedRow) throws {
        try context.checkOpen(force: options.force)
        let signatory = row.signatory
        let organisation = context.newOrganisation(signatory, normalizedName: row.normalized, instant: instant)
        insertOrganisation.bind(organisation.name, at: 1)
        insertOrganisation.bind(organisation.sortName, at: 2)
        insertOrganisation.bind(organisation.shortName, at: 3)
        insertOrganisation.bind(organisation.country, at: 4)
        insertOrganisation.bind(organisation.website, at: 5)
        insertOrganisation.bind(organisation.kind?.rawValue, at: 6)
        insertOrganisation.bind(organisation.normalizedName, at: 7)
        let organisationId = try insertOrganisation.execute()
        knownNames.add(organisation: organisationId, hash: row.normalizedHash)
        try dropIdentityIndexIfBig()
        let signature = context.newSignature(
            signatory, organisationId: organisationId, status: row.pending ? .pending : .verified, source: .import,
            batchId: batchId, instant: instant, today: today)
        try SigningContext.checkCapacity(signature)
        insertSignature.bind(signature.organisationId, at: 1)
        insertSignature.bind(signature.status.rawValue, at: 2)
        insertSignature.bind(signature.person, at: 3)
        insertSignature.bind(signature.personTitle, at: 4)
        insertSignature.bind(signature.onBehalf, at: 5)
        insertSignature.bind(signature.unnamed, at: 6)
        insertSignature.bind(signature.signedAt, at: 7)
        insertSignature.bind(signature.verifiedAt, at: 8)
        let signatureId = try insertSignature.execute()
        if !row.demands.isEmpty {
            insertEndorsement.bind(signatureId, at: 1)
            for demand in row.demands {
                insertEndorsement.bind(demand, at: 2)
                try insertEndorsement.execute()
            }
        }
        if let email = signatory.email {
            insertContact.bind(organisationId, at: 1)
            insertContact.bind(signatureId, at: 2)
            insertContact.bind(email, at: 3)
            try insertContact.execute()
        }
        summary.signatures += 1
        summary.newOrganisations += 1
        nearDuplicates.add(keyHash: row.nearDuplicateHash, organisation: organisationId, line: row.line)
        if let shortNameHash = row.shortNameHash { nearDuplicates.remember(keyHash: shortNameHash, organisation: organisationId) }
    }

    /// An organisation the database knows (or that an earlier row added): `sign`'s own rules.
    private mutating func signKnown(_ signatory: ValidSignatory, organisationId: Int64, pending: Bool, line: Int) throws {
        try noteDetails(signatory, organisationId: organisationId, line: line)
        let signing = SignOptions(pending: pending, force: options.force, reactivates: false)
        do {
            try count(context.sign(signatory, options: signing, source: .import, batchId: batchId, organisationId: organisationId))
        } catch JointlyError.alreadySigned(let organisation, let slug, let status) {
            if status == SignatureStatus.withdrawn.rawValue, options.onDuplicate != .fail {
                summary.withdrawnKept += 1
                if summary.keptWithdrawn.count < SkippedRow.shown {
                    summary.keptWithdrawn.append(SkippedRow(line: line, name: signatory.name, organisation: organisation, status: status))
                }
                return
            }
            switch options.onDuplicate {
            case .skip:
                try skip(signatory, organisation: organisation, status: status, organisationId: organisationId, line: line)
            case .update:
                var updating = signing
                updating.update = true
                updating.verifiesPending = true
                do {
                    // Asked before this row is remembered as having updated the signature.
                    let earlier = summary.updatedRows.count < SkippedRow.shown ? try signedEarlierInThisFile(organisationId) : false
                    var signatory = signatory
                    // A sheet never names a group that asked not to be: its "no" may be an
                    // old answer, and being named can put the group at risk.
                    if signatory.unnamed == false, try isUnnamed(organisationId) {
                        signatory.unnamed = nil
                        summary.keptUnnamedCount += 1
                        if summary.keptUnnamed.count < SkippedRow.shown {
                            summary.keptUnnamed.append(
                                "line \(line): '\(signatory.name)' asked to be unnamed, and the file's 'no' does not name it again "
                                + "(if it agreed: jointly sign \(context.statement.slug) --org \(Shell.quoted(organisation)) --update --no-unnamed)")
                        }
                    }
                    let outcome = try context.sign(
                        signatory, options: updating, source: .import, batchId: batchId, organisationId: organisationId)
                    try count(outcome)
                    updatedOrganisations.insert(organisationId)
                    if case .updated(_, let changes) = outcome, summary.updatedRows.count < SkippedRow.shown {
                        summary.updatedRows.append(UpdatedRow(
                            line: line, name: signatory.name, organisation: organisation, changes: changes, replacesEarlierRow: earlier))
                    }
                } catch JointlyError.alreadySigned {
                    try skip(signatory, organisation: organisation, status: status, organisationId: organisationId, line: line)
                }
            case .fail:
                let earlier = try signedEarlierInThisFile(organisationId)
                throw JointlyError.invalidValue(
                    field: "org", value: organisation,
                    reason: earlier
                        ? "appears earlier in this file; with --on-duplicate fail each organisation may have one row"
                        : "already signed '\(slug)' (\(status)); --on-duplicate skip or update accepts such rows")
            }
        }
    }

    /// Counts what the row says of the known organisation that it does not have: blanks
    /// `sign` fills in (otherwise unseen in an import: it logs one event, not one a row),
    /// and differing details, which only `org edit` changes.
    private mutating func noteDetails(_ signatory: ValidSignatory, organisationId: Int64, line: Int) throws {
        guard signatory.shortName != nil || signatory.website != nil || signatory.kind != nil || signatory.country != nil,
              // The four details by position: every row of a sheet downloaded again asks this.
              let stored = try Row.fetchOne(
                  db.cachedStatement(sql: "SELECT country, website, kind, shortName, name FROM organisation WHERE id = ?"),
                  arguments: [organisationId])
        else { return }
        var filled: [OrganisationDetails.Field] = []
        var differing: [OrganisationDetails.Field] = []
        let pairs: [(String, String, String?, String?)] = [
            ("country", "--country", stored[0], signatory.country),
            ("website", "--website", stored[1], signatory.website),
            ("kind", "--kind", stored[2], signatory.kind?.rawValue),
            ("short name", "--short-name", stored[3], signatory.shortName),
        ]
        for (name, flag, stored, given) in pairs {
            guard let given else { continue }
            let field = OrganisationDetails.Field(name: name, flag: flag, stored: stored, given: given)
            if stored == nil { filled.append(field) } else if stored != given { differing.append(field) }
        }
        if !filled.isEmpty {
            summary.organisationsCompleted += 1
            if summary.completed.count < SkippedRow.shown {
                summary.completed.append(OrganisationDetails(line: line, organisation: stored[4], fields: filled))
            }
        }
        if !differing.isEmpty {
            summary.detailsDiffering += 1
            if summary.differing.count < SkippedRow.shown {
                summary.differing.append(OrganisationDetails(line: line, organisation: stored[4], fields: differing))
            }
        }
    }

    private mutating func skip(
        _ signatory: ValidSignatory, organisation: String, status: String, organisationId: Int64, line: Int
    ) throws {
        summary.duplicatesSkipped += 1
        guard summary.skipped.count < SkippedRow.shown else { return }
        let earlier = try signedEarlierInThisFile(organisationId)
        summary.skipped.append(SkippedRow(line: line, name: signatory.name, organisation: organisation, status: earlier ? nil : status))
    }

    /// Whether an earlier row of this import made or changed the organisation's signature:
    /// its batch is this import's, or this import updated it (``updatedOrganisations``).
    private func signedEarlierInThisFile(_ organisationId: Int64) throws -> Bool {
        if updatedOrganisations.contains(organisationId) { return true }
        return try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT batchId FROM signature WHERE statementId = ? AND organisationId = ?
            """), arguments: [context.statementId, organisationId]) == batchId
    }

    /// Whether the organisation's signature asked to be unnamed.
    private func isUnnamed(_ organisationId: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT unnamed FROM signature WHERE statementId = ? AND organisationId = ?"),
                          arguments: [context.statementId, organisationId]) ?? false
    }

    private mutating func count(_ outcome: SignOutcome) throws {
        switch outcome {
        case .signed(_, _, let isNew, _):
            summary.signatures += 1
            if isNew { summary.newOrganisations += 1 }
        case .reactivated: throw JointlyError.database("an import signed a withdrawn organisation again")
        case .updated: summary.updated += 1
        }
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
}
