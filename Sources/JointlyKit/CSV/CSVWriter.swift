import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The spreadsheet-formula rule: cells a spreadsheet would run as a formula get a
/// leading `'` on export, and import removes exactly that prefix again.
///
/// The rule is lossless for every string. `neutralise` prefixes `'` to any cell that is
/// zero or more `'` followed by a trigger; `restore` removes one `'` only from a cell
/// that is one or more `'` followed by a trigger. So a name that itself starts with
/// `'=` gains a second `'` on export and loses only that one on import.
public enum SpreadsheetFormula {
    /// The one list of characters that make a spreadsheet read a cell as a formula:
    /// `=`, `+`, `-`, `@`, tab and carriage return. Everything else refers to it.
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The prefix that stops a spreadsheet from reading a cell as a formula.
    public static let prefix: Unicode.Scalar = "'"

    /// `cell` with a leading `'` if a spreadsheet could read it as a formula.
    public static func neutralise(_ cell: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, and it must count as "\r".
        guard mayStartWithTrigger(cell), startsWithTrigger(afterPrefixes: cell.unicodeScalars, minimum: 0) else { return cell }
        return String(prefix) + cell
    }

    /// `cell` without the `'` that ``neutralise(_:)`` added; any other cell unchanged.
    public static func restore(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard mayStartWithTrigger(cell), startsWithTrigger(afterPrefixes: scalars, minimum: 1) else { return cell }
        return String(scalars.dropFirst())
    }

    /// Whether `cell`'s first byte can begin the prefix or a trigger. Most cells start
    /// with neither, and this answers for them without hashing a scalar.
    private static func mayStartWithTrigger(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return false }
        return startBytes[Int(first)]
    }

    /// The first bytes of the prefix and of each trigger, built from ``triggers``; a
    /// character beyond ASCII would mark every byte that can start one.
    private static let startBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for scalar in triggers.union([prefix]) {
            if scalar.value < 0x80 {
                table[Int(scalar.value)] = true
            } else {
                for byte in 0x80..<0x100 { table[byte] = true }
            }
        }
        return table
    }()

    /// Whether `scalars` is at least `minimum` prefixes followed by a trigger.
    private static func startsWithTrigger(afterPrefixes scalars: String.UnicodeScalarView, minimum: Int) -> Bool {
        var prefixes = 0
        for scalar in scalars {
            if scalar == prefix {
                prefixes += 1
                continue
            }
            return prefixes >= minimum && triggers.contains(scalar)
        }
        return false
    }
}

/// Writes CSV records to a file, standard output or memory: fields quoted only when
/// needed, records ended by CRLF (RFC 4180), output buffered.
///
/// Output to a file descriptor is written in chunks of about 64 KiB; call ``flush()``
/// when done, or the last chunk is lost.
public struct CSVWriter {
    /// The name used in errors: the path, or `-` for standard output.
    public let name: String
    /// The delimiter between fields.
    public let delimiter: CSVDelimiter
    /// Whether cells are passed through ``SpreadsheetFormula/neutralise(_:)``.
    public let neutralisesFormulas: Bool

    private enum Destination {
        case fileDescriptor(Int32, keepAlive: AnyObject?)
        case memory
    }

    private let destination: Destination
    private var buffer: [UInt8] = []
    private static let flushThreshold = 64 * 1024

    /// Writes to an open file handle, which is left open; `name` is used in errors.
    public init(
        fileHandle: FileHandle, name: String, delimiter: CSVDelimiter = .comma,
        neutralisesFormulas: Bool, byteOrderMark: Bool = false
    ) {
        self.init(
            destination: .fileDescriptor(fileHandle.fileDescriptor, keepAlive: fileHandle), name: name,
            delimiter: delimiter, neutralisesFormulas: neutralisesFormulas, byteOrderMark: byteOrderMark)
    }

    /// Writes to standard output, named `-` in errors.
    public static func standardOutput(
        delimiter: CSVDelimiter = .comma, neutralisesFormulas: Bool, byteOrderMark: Bool = false
    ) -> CSVWriter {
        CSVWriter(
            destination: .fileDescriptor(STDOUT_FILENO, keepAlive: nil), name: "-", delimiter: delimiter,
            neutralisesFormulas: neutralisesFormulas, byteOrderMark: byteOrderMark)
    }

    /// Collects the output in memory, in ``bytes``.
    public init(delimiter: CSVDelimiter = .comma, neutralisesFormulas: Bool, byteOrderMark: Bool = false) {
        self.init(
            destination: .memory, name: "memory", delimiter: delimiter,
            neutralisesFormulas: neutralisesFormulas, byteOrderMark: byteOrderMark)
    }

    private init(
        destination: Destination, name: String, delimiter: CSVDelimiter, neutralisesFormulas: Bool,
        byteOrderMark: Bool
    ) {
        self.destination = destination
        self.name = name
        self.delimiter = delimiter
        self.neutralisesFormulas = neutralisesFormulas
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        // Excel reads a CSV file as UTF-8 only when it starts with the mark.
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// What an in-memory writer has written; empty for other writers.
    public var bytes: [UInt8] {
        if case .memory = destination { return buffer }
        return []
    }

    /// What an in-memory writer has written, decoded; empty for other writers.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Writes one record.
    public mutating func write(_ fields: [String]) throws {
        append(fields)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Adds one record to ``bytes``; for an in-memory writer, where nothing can fail.
    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(delimiter.rawValue) }
            appendField(neutralisesFormulas ? SpreadsheetFormula.neutralise(field) : field, alone: fields.count == 1)
        }
        buffer.append(contentsOf: [Byte.carriageReturn, Byte.lineFeed])
    }

    /// Writes what is buffered to the file; does nothing for an in-memory writer.
    public mutating func flush() throws {
        guard case .fileDescriptor(let descriptor, _) = destination else { return }
        try buffer.withUnsafeBytes { try FileDescriptorOutput.writeAll(descriptor, $0, path: name) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendField(_ field: String, alone: Bool) {
        let delimiterByte = delimiter.rawValue
        func special(_ byte: UInt8) -> Bool {
            byte == delimiterByte || byte == Byte.quote || byte == Byte.carriageReturn || byte == Byte.lineFeed
        }
        // A native string's bytes are scanned and copied as one buffer, not byte by byte.
        let plain: Bool? = field.utf8.withContiguousStorageIfAvailable { bytes in
            if alone && bytes.isEmpty { return false }
            for byte in bytes where special(byte) { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        // A lone empty field would make a blank line, which readers skip.
        let needsQuotes = (alone && field.isEmpty) || field.utf8.contains(where: special)
        guard needsQuotes else {
            buffer.append(contentsOf: field.utf8)
            return
        }
        buffer.append(Byte.quote)
        for byte in field.utf8 {
            if byte == Byte.quote { buffer.append(Byte.quote) }
            buffer.append(byte)
        }
        buffer.append(Byte.quote)
    }
}

private enum Byte {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
}
