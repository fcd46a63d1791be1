import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The formats `jointly export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, tsv, json, ndjson
}

/// What an export wrote.
public struct ExportSummary: Equatable, Sendable {
    /// Signatures written.
    public var rows: Int
    /// Whether personal data (signers' names and titles, e-mail addresses, the groups that
    /// asked to be unnamed) is in the output.
    public var includesPrivate: Bool
    /// Signatories left out because they asked to be unnamed (0 with `includePrivate`).
    public var unnamedLeftOut: Int = 0
    /// Withdrawn and rejected signatures, never exported: a database made from the file
    /// would not know that these groups withdrew or were turned down.
    public var withdrawn: Int = 0
    public var rejected: Int = 0
}

extension AppDatabase {
    /// Writes a statement's current signatories (verified and pending) to `output`, or
    /// standard output when nil, in the order they signed.
    ///
    /// The columns are the import's field names, so an export imports again with no
    /// loss; CSV and TSV cells a spreadsheet would run are neutralised. Personal data
    /// (who signed, their title, the e-mail address) and the signatories that asked to be
    /// unnamed (marked `unnamed`) only with `includePrivate`: the site never shows them, so
    /// an export passed on to a partner must not either. A file is written beside `output` and renamed into
    /// place, so a failed export leaves no half-written file. A file with contact details
    /// is readable by its owner only (0600).
    public func exportSignatories(
        slug: String, format: ExportFormat, includePrivate: Bool = false, output: String? = nil
    ) throws -> ExportSummary {
        func export(to destination: ExportDestination) throws -> ExportSummary {
            try read { db in
                let statement = try Statement.require(db, slug: slug)
                var writer = try SignatoryExportWriter(format: format, includePrivate: includePrivate, destination: destination)
                try SignatoryExport.each(db, statementId: try statement.requireId(), includePrivate: includePrivate) { row in
                    try writer.write(row)
                }
                try writer.finish()
                let counts = try Row.fetchOne(db, sql: """
                    SELECT count(CASE WHEN status IN ('verified', 'pending') AND unnamed = 1 THEN 1 END),
                           count(CASE WHEN status = 'withdrawn' THEN 1 END), count(CASE WHEN status = 'rejected' THEN 1 END)
                    FROM signature WHERE statementId = ?
                    """, arguments: [try statement.requireId()])
                var summary = ExportSummary(rows: writer.rows, includesPrivate: includePrivate)
                summary.unnamedLeftOut = includePrivate ? 0 : counts?[0] ?? 0
                summary.withdrawn = counts?[1] ?? 0
                summary.rejected = counts?[2] ?? 0
                return summary
            }
        }
        guard let output, output != "-" else { return try export(to: ExportDestination(handle: .standardOutput, name: "-")) }
        var summary: ExportSummary?
        try OutputFile.stream(to: output, ownerOnly: includePrivate) { descriptor in
            summary = try export(to: ExportDestination(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false), name: output))
        }
        guard let summary else { throw JointlyError.database("the export finished without a result") }
        return summary
    }
}

/// One exported signature, as the database holds it.
struct ExportedSignatory {
    var organisation: String
    var shortName: String?
    var country: String?
    var website: String?
    var kind: String?
    var person: String?
    var title: String?
    var email: String?
    var demands: [String]
    var signedAt: String
    var status: String
    var unnamed: Bool
    /// False when the person signed in their own name, the organisation as affiliation only.
    var onBehalf: Bool
}

enum SignatoryExport {
    /// Calls `body` for each verified or pending signature of the statement, in id order,
    /// streaming: signatures and endorsements are read side by side in one pass each. The
    /// signatures that asked to be unnamed only with `includePrivate`.
    static func each(
        _ db: Database, statementId: Int64, includePrivate: Bool, _ body: (ExportedSignatory) throws -> Void
    ) throws {
        var demandKeys: [Int64: (position: Int, key: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, position, key FROM demand WHERE statementId = ?", arguments: [statementId]) {
            demandKeys[row[0]] = (row[1], row[2])
        }
        // `+statementId`: scan in id order rather than sort a million rows by id.
        let signatures = try Row.fetchCursor(db, sql: """
            SELECT g.id, o.name, o.shortName, o.country, o.website, o.kind, g.person, g.personTitle,
                   g.signedAt, g.status, g.unnamed, g.onBehalf\(includePrivate ? """
                , coalesce(
                    (SELECT c.email FROM contact c WHERE c.signatureId = g.id AND c.email IS NOT NULL ORDER BY c.id DESC LIMIT 1),
                    (SELECT c.email FROM contact c WHERE c.organisationId = g.organisationId AND c.email IS NOT NULL
                     ORDER BY c.id DESC LIMIT 1))
                """ : "")
            FROM signature g JOIN organisation o ON o.id = g.organisationId
            WHERE +g.statementId = ? AND g.status IN ('verified', 'pending')\(includePrivate ? "" : " AND g.unnamed = 0")
            ORDER BY g.id
            """, arguments: [statementId])
        // `+statementId` again: endorsements in key order, so no temporary sort of them all.
        let endorsements = try Row.fetchCursor(db, sql: """
            SELECT e.signatureId, e.demandId FROM endorsement e JOIN signature g ON g.id = e.signatureId
            WHERE +g.statementId = ? ORDER BY e.signatureId
            """, arguments: [statementId])
        var pending = try endorsements.next().map { (signature: $0[0] as Int64, demand: $0[1] as Int64) }
        while let row = try signatures.next() {
            let id: Int64 = row[0]
            var demands: [(position: Int, key: String)] = []
            while let endorsement = pending, endorsement.signature <= id {
                if endorsement.signature == id, let demand = demandKeys[endorsement.demand] { demands.append(demand) }
                pending = try endorsements.next().map { (signature: $0[0] as Int64, demand: $0[1] as Int64) }
            }
            demands.sort { $0.position < $1.position }
            try body(ExportedSignatory(
                organisation: row[1], shortName: row[2], country: row[3], website: row[4], kind: row[5],
                person: includePrivate ? row[6] : nil, title: includePrivate ? row[7] : nil, email: includePrivate ? row[12] : nil, demands: demands.map(\.key), signedAt: row[8],
                status: row[9], unnamed: row[10], onBehalf: row[11]))
        }
    }
}

/// Writes exported signatures in one format.
struct SignatoryExportWriter {
    private let format: ExportFormat
    private let includePrivate: Bool
    private var csv: CSVWriter?
    private var output: ExportDestination
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    /// The columns, named as `import` reads them; the private ones only with `includePrivate`.
    static func headers(includePrivate: Bool) -> [String] {
        ["org", "short-name", "country", "website", "kind"] + (includePrivate ? ["person", "title", "email"] : [])
            + ["demands", "signed-at", "status", "unnamed", "on-behalf"]
    }

    init(format: ExportFormat, includePrivate: Bool, destination: ExportDestination) throws {
        self.format = format
        self.includePrivate = includePrivate
        output = destination
        switch format {
        case .csv, .tsv:
            var writer = CSVWriter(
                fileHandle: destination.handle, name: destination.name, delimiter: format == .tsv ? .tab : .comma,
                neutralisesFormulas: true)
            try writer.write(Self.headers(includePrivate: includePrivate))
            csv = writer
        case .json:
            buffer.append(0x5B)
        case .ndjson:
            break
        }
    }

    mutating func write(_ row: ExportedSignatory) throws {
        defer { rows += 1 }
        if var writer = csv {
            csv = nil
            var fields = [row.organisation, row.shortName ?? "", row.country ?? "", row.website ?? "", row.kind ?? ""]
            if includePrivate { fields += [row.person ?? "", row.title ?? "", row.email ?? ""] }
            fields += [row.demands.joined(separator: ","), row.signedAt, row.status, row.unnamed ? "true" : "false",
                       row.onBehalf ? "true" : "false"]
            try writer.write(fields)
            csv = writer
            return
        }
        if format == .json { buffer.append(contentsOf: rows == 0 ? [0x0A] : [0x2C, 0x0A]) }
        appendObject(row)
        if format == .ndjson { buffer.append(0x0A) }
        if buffer.count >= 64 * 1024 { try flush() }
    }

    mutating func finish() throws {
        if var writer = csv {
            try writer.flush()
            csv = writer
            return
        }
        if format == .json { buffer.append(contentsOf: Array((rows == 0 ? "]\n" : "\n]\n").utf8)) }
        try flush()
    }

    private mutating func flush() throws {
        try output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every key of DESIGN.md's field table, null where empty; `person`, `title` and
    /// `email` only with private details.
    private mutating func appendObject(_ row: ExportedSignatory) {
        buffer.append(0x7B)
        key("organisation", first: true); string(row.organisation)
        key("shortName"); string(row.shortName)
        key("country"); string(row.country)
        key("website"); string(row.website)
        key("kind"); string(row.kind)
        if includePrivate {
            key("person"); string(row.person)
            key("title"); string(row.title)
            key("email"); string(row.email)
        }
        key("demands")
        buffer.append(0x5B)
        for (index, demand) in row.demands.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            string(demand)
        }
        buffer.append(0x5D)
        key("signedAt"); string(row.signedAt)
        key("status"); string(row.status)
        key("unnamed"); buffer.append(contentsOf: Array((row.unnamed ? "true" : "false").utf8))
        key("onBehalf"); buffer.append(contentsOf: Array((row.onBehalf ? "true" : "false").utf8))
        buffer.append(0x7D)
    }

    private mutating func key(_ name: String, first: Bool = false) {
        if !first { buffer.append(0x2C) }
        string(name)
        buffer.append(0x3A)
    }

    private mutating func string(_ value: String?) {
        guard let value else {
            buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        buffer.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(0x22)
    }
}

/// Where an export writes: standard output, or the new file ``OutputFile/stream(to:ownerOnly:_:)``
/// renames into place once everything is written.
struct ExportDestination {
    let handle: FileHandle
    let name: String

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try FileDescriptorOutput.writeAll(handle.fileDescriptor, $0, path: name) }
    }
}
