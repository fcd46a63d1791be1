import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte that separates fields in a CSV file.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    /// `,`, RFC 4180's delimiter.
    case comma = 0x2C
    /// `;`, what spreadsheets write where the decimal separator is a comma.
    case semicolon = 0x3B
    /// A horizontal tab, for TSV files.
    case tab = 0x09

    /// How the delimiter is named in messages: `','`, `';'` or `tab`.
    var displayName: String {
        switch self {
        case .comma: return "','"
        case .semicolon: return "';'"
        case .tab: return "tab"
        }
    }
}

/// One record of a CSV file and the line it starts on.
public struct CSVRecord: Equatable, Sendable {
    /// The 1-based line where the record starts (a quoted field may span more lines).
    public var line: Int
    /// The record's fields, decoded from UTF-8, quotes removed.
    public var fields: [String]

    /// Makes a record starting at `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A strict, streaming RFC 4180 reader over bytes.
///
/// Rules beyond RFC 4180, chosen to be friendly where that is safe and strict where
/// a silent guess would corrupt data:
/// - Records end with CRLF or LF; both may be mixed in one file. A CR that is not
///   followed by LF outside a quoted field is an error (old Mac line endings are
///   refused rather than guessed). Inside a quoted field CR and LF are kept as they are.
/// - A UTF-8 byte order mark at the very start is skipped.
/// - Completely empty lines between records are skipped. So a one-column record with
///   an empty field must be written `""` (``CSVWriter`` does).
/// - Every record must have as many fields as the first (the header).
/// - Text must be UTF-8 and contain no NUL byte.
/// - A field may hold at most ``Limits/maxFieldBytes`` bytes, a record at most
///   ``Limits/maxFieldsPerRecord`` fields and ``Limits/maxRecordBytes`` bytes, so
///   memory stays bounded whatever the input.
///
/// Every error is a ``JointlyError/invalidFile(_:)`` with one ``Diagnostic`` naming
/// the reader's `name` and the line. After an error, ``next()`` returns `nil`.
/// Copies of a reader share its input and chunk, so read through one copy only.
public struct CSVReader {
    /// The bounds that keep a reader's memory small whatever it is fed.
    public struct Limits: Sendable {
        /// The most bytes one field may hold.
        public var maxFieldBytes: Int
        /// The most fields one record may have.
        public var maxFieldsPerRecord: Int
        /// The most bytes one record may span, delimiters and quotes included.
        public var maxRecordBytes: Int

        /// 1 MiB per field, 10,000 fields and 8 MiB per record.
        public static let standard = Limits(
            maxFieldBytes: 1 << 20, maxFieldsPerRecord: 10_000, maxRecordBytes: 8 << 20)
    }

    /// How many bytes are read from a file at a time.
    public static let defaultChunkSize = 64 * 1024

    /// The name used in diagnostics: the path, or `-` for standard input.
    public let name: String
    /// The delimiter between fields.
    public let delimiter: CSVDelimiter

    private let source: any CSVByteSource
    private let limits: Limits
    private let chunkSize: Int
    /// Owns the chunk memory; `buffer` points into it, so reading a byte costs no
    /// reference counting (an array here spent a fifth of the time retaining itself).
    private let storage: ChunkStorage
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    /// Absolute offset in the input of `buffer[0]`, for the record size limit.
    private var bufferOffset = 0
    private var line = 1
    private var started = false
    private var finished = false
    private var headerFieldCount: Int?
    /// Whether a record with another number of fields than the header is an error that
    /// ends the reading (the default). When false it is returned as it is, for a caller
    /// that reports every such row (an import reports its first 20 problems); the caller
    /// asks ``fieldCountProblem(_:)`` about each record.
    public var checksFieldCount = true
    /// Reused between fields so that reading allocates only the strings it returns.
    private var field: [UInt8] = []

    /// Reads the file at `path`, which is also the name in diagnostics.
    public init(path: String, delimiter: CSVDelimiter = .comma) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw JointlyError.io(path: path, reason: "cannot open: \(Self.systemError())")
        }
        self.init(
            source: FileDescriptorSource(descriptor: descriptor, closeWhenDone: true, keepAlive: nil),
            name: path, delimiter: delimiter)
    }

    /// Reads an open file handle, which is left open; `name` is used in diagnostics.
    public init(fileHandle: FileHandle, name: String, delimiter: CSVDelimiter = .comma) {
        self.init(
            source: FileDescriptorSource(
                descriptor: fileHandle.fileDescriptor, closeWhenDone: false, keepAlive: fileHandle),
            name: name, delimiter: delimiter)
    }

    /// Reads standard input, named `-` in diagnostics.
    public static func standardInput(delimiter: CSVDelimiter = .comma) -> CSVReader {
        CSVReader(
            source: FileDescriptorSource(descriptor: STDIN_FILENO, closeWhenDone: false, keepAlive: nil),
            name: "-", delimiter: delimiter)
    }

    /// Reads bytes held in memory; `name` is used in diagnostics.
    public init(bytes: [UInt8], name: String, delimiter: CSVDelimiter = .comma) {
        self.init(source: MemorySource(bytes: bytes), name: name, delimiter: delimiter)
    }

    /// Reads data held in memory; `name` is used in diagnostics.
    public init(data: Data, name: String, delimiter: CSVDelimiter = .comma) {
        self.init(bytes: [UInt8](data), name: name, delimiter: delimiter)
    }

    /// Reads `text` as UTF-8; for tests and small inputs.
    public init(string text: String, name: String, delimiter: CSVDelimiter = .comma) {
        self.init(bytes: Array(text.utf8), name: name, delimiter: delimiter)
    }

    /// Tests shrink the chunk size to put chunk boundaries everywhere, and the limits
    /// to reach them cheaply.
    init(
        source: any CSVByteSource, name: String, delimiter: CSVDelimiter,
        chunkSize: Int = CSVReader.defaultChunkSize, limits: Limits = .standard
    ) {
        self.source = source
        self.name = name
        self.delimiter = delimiter
        self.chunkSize = max(1, chunkSize)
        self.limits = limits
        // Room for the three BOM bytes even when tests read one byte at a time.
        self.storage = ChunkStorage(capacity: max(self.chunkSize, 3))
        self.buffer = storage.bytes
    }

    private enum State {
        case recordStart
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the first of a doubled quote or the end.
        case quoteInQuoted
        /// A CR outside quotes, which must be followed by LF; `blank` if the line is empty.
        case afterCR(blank: Bool)
    }

    /// The next record, or `nil` at the end of the input.
    public mutating func next() throws -> CSVRecord? {
        guard !finished else { return nil }
        do {
            return try readRecord()
        } catch {
            finished = true
            throw error
        }
    }

    private mutating func readRecord() throws -> CSVRecord? {
        if !started {
            started = true
            try skipByteOrderMark()
        }
        var fields: [String] = []
        fields.reserveCapacity(headerFieldCount ?? 16)
        field.removeAll(keepingCapacity: true)
        var state = State.recordStart
        var recordLine = line
        var fieldLine = line
        var recordStart = 0
        let delimiterByte = delimiter.rawValue

        while true {
            if position == end {
                if try refill() { continue }
                switch state {
                case .recordStart:
                    finished = true
                    return nil
                case .fieldStart, .unquoted, .quoteInQuoted:
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    finished = true
                    return try finishRecord(fields, line: recordLine)
                case .quoted:
                    throw failure(
                        line: fieldLine,
                        "quoted field is never closed: add the closing '\"' (a quote inside a quoted field is written twice, \"\")")
                case .afterCR:
                    throw loneCarriageReturn()
                }
            }
            let byte = buffer[position]
            switch state {
            case .recordStart:
                if byte == Byte.lineFeed {
                    position += 1
                    line += 1
                } else if byte == Byte.carriageReturn {
                    position += 1
                    state = .afterCR(blank: true)
                } else {
                    recordLine = line
                    recordStart = bufferOffset + position
                    state = .fieldStart
                }
            case .fieldStart:
                fieldLine = line
                if byte == Byte.quote {
                    position += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }
            case .unquoted:
                try appendRun(quoted: false, fieldLine: fieldLine)
                guard position < end else { continue }
                let stop = buffer[position]
                position += 1
                if stop == delimiterByte {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    state = .fieldStart
                } else if stop == Byte.lineFeed {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    line += 1
                    return try finishRecord(fields, line: recordLine)
                } else if stop == Byte.carriageReturn {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    state = .afterCR(blank: false)
                } else if stop == Byte.quote {
                    throw failure(
                        line: line,
                        "'\"' inside a field that does not start with a quote: put the whole field in quotes and write the quote twice, as in \"say \"\"yes\"\"\"")
                } else {
                    throw nulByte()
                }
            case .quoted:
                try appendRun(quoted: true, fieldLine: fieldLine)
                guard position < end else { continue }
                let stop = buffer[position]
                position += 1
                if stop == Byte.quote {
                    state = .quoteInQuoted
                } else if stop == Byte.lineFeed {
                    try append(Byte.lineFeed, fieldLine: fieldLine)
                    line += 1
                } else {
                    throw nulByte()
                }
            case .quoteInQuoted:
                position += 1
                if byte == Byte.quote {
                    try append(Byte.quote, fieldLine: fieldLine)
                    state = .quoted
                } else if byte == delimiterByte {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    state = .fieldStart
                } else if byte == Byte.lineFeed {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    line += 1
                    return try finishRecord(fields, line: recordLine)
                } else if byte == Byte.carriageReturn {
                    try finishField(into: &fields, fieldLine: fieldLine, recordStart: recordStart)
                    state = .afterCR(blank: false)
                } else if byte == 0 {
                    throw nulByte()
                } else {
                    throw failure(
                        line: line,
                        "text after the closing quote of a quoted field: end the field there with \(delimiter.displayName), or write a quote inside the field twice (\"\")")
                }
            case .afterCR(let blank):
                guard byte == Byte.lineFeed else { throw loneCarriageReturn() }
                position += 1
                line += 1
                if blank {
                    state = .recordStart
                } else {
                    return try finishRecord(fields, line: recordLine)
                }
            }
        }
    }

    /// Appends the longest run of ordinary bytes at `position` to the field in one copy;
    /// stops at the first byte the state machine must look at, or at the chunk's end.
    private mutating func appendRun(quoted: Bool, fieldLine: Int) throws {
        let start = position
        let delimiterByte = quoted ? Byte.quote : delimiter.rawValue
        let bytes = buffer
        let stop = { () -> Int in
            var index = start
            if quoted {
                // CR is data inside quotes; LF is a stop only so that lines are counted.
                while index < end {
                    let byte = bytes[index]
                    if byte == Byte.quote || byte == Byte.lineFeed || byte == 0 { break }
                    index += 1
                }
            } else {
                while index < end {
                    let byte = bytes[index]
                    if byte == delimiterByte || byte == Byte.quote || byte == Byte.lineFeed
                        || byte == Byte.carriageReturn || byte == 0
                    {
                        break
                    }
                    index += 1
                }
            }
            return index
        }()
        guard stop > start else { return }
        guard field.count + (stop - start) <= limits.maxFieldBytes else {
            throw fieldTooLong(fieldLine: fieldLine)
        }
        field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<stop]))
        position = stop
    }

    private mutating func append(_ byte: UInt8, fieldLine: Int) throws {
        guard field.count < limits.maxFieldBytes else { throw fieldTooLong(fieldLine: fieldLine) }
        field.append(byte)
    }

    private mutating func finishField(into fields: inout [String], fieldLine: Int, recordStart: Int) throws {
        if fields.count >= limits.maxFieldsPerRecord {
            throw failure(
                line: fieldLine,
                "row has more than \(limits.maxFieldsPerRecord) fields, the most Jointly reads: check that the delimiter is \(delimiter.displayName)")
        }
        if bufferOffset + position - recordStart > limits.maxRecordBytes {
            throw failure(
                line: fieldLine,
                "row is longer than \(limits.maxRecordBytes) bytes, the most Jointly reads: check for a quoted field whose closing quote is missing")
        }
        if field.isEmpty {
            fields.append("")
            return
        }
        guard let text = Self.decodeValidUTF8(field) else {
            throw failure(
                line: fieldLine + Self.lineFeedsBeforeInvalidUTF8(in: field),
                "text is not valid UTF-8: if Excel saved it as plain \"CSV\" (Windows, ANSI), add --encoding windows-1252; else save the file as \"CSV UTF-8\" (in LibreOffice: character set \"Unicode (UTF-8)\")")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func finishRecord(_ fields: [String], line recordLine: Int) throws -> CSVRecord {
        let record = CSVRecord(line: recordLine, fields: fields)
        if headerFieldCount == nil {
            headerFieldCount = fields.count
        } else if checksFieldCount, let problem = fieldCountProblem(record) {
            throw JointlyError.invalidFile([problem])
        }
        return record
    }

    /// What is wrong with `record` when it has another number of fields than the header.
    public func fieldCountProblem(_ record: CSVRecord) -> Diagnostic? {
        guard let expected = headerFieldCount, record.fields.count != expected else { return nil }
        let found = record.fields.count
        return Diagnostic(
            path: name, line: record.line,
            message: "row has \(found) \(found == 1 ? "field" : "fields") but the header has \(expected): check for a missing or extra \(delimiter.displayName), and put fields that contain \(delimiter.displayName) in quotes")
    }

    /// Reads the next chunk; `false` at the end of the input.
    private mutating func refill() throws -> Bool {
        bufferOffset += end
        position = 0
        end = 0
        let count = try source.read(
            into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<chunkSize]),
            name: name)
        end = count
        return count > 0
    }

    private mutating func skipByteOrderMark() throws {
        // Reads one small chunk after another until three bytes are in, so the mark is
        // found however the input is split.
        while end < 3 {
            let room = min(chunkSize, buffer.count - end)
            let count = try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[end..<(end + room)]),
                name: name)
            if count == 0 { break }
            end += count
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
        }
    }

    /// The text `bytes` encode, or `nil` if they are not valid UTF-8.
    private static func decodeValidUTF8(_ bytes: [UInt8]) -> String? {
        // `String(validating:as:)` is generic and not specialised here, and looking up
        // its metadata took a quarter of the reading time. `String(decoding:as:)` over
        // a buffer pointer is the fast path; it repairs invalid input, which the byte
        // comparison detects.
        bytes.withUnsafeBufferPointer { input -> String? in
            var text = String(decoding: input, as: UTF8.self)
            let same = text.withUTF8 { output in
                guard output.count == input.count else { return false }
                guard let outputStart = output.baseAddress, let inputStart = input.baseAddress else { return true }
                return memcmp(outputStart, inputStart, input.count) == 0
            }
            return same ? text : nil
        }
    }

    private static func lineFeedsBeforeInvalidUTF8(in bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .error, .emptyInput:
                break loop
            }
        }
        return bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == Byte.lineFeed ? 1 : 0) }
    }

    private func failure(line: Int, _ message: String) -> JointlyError {
        .invalidFile([Diagnostic(path: name, line: line, message: message)])
    }

    private func fieldTooLong(fieldLine: Int) -> JointlyError {
        failure(
            line: fieldLine,
            "field is longer than \(limits.maxFieldBytes) bytes, the most Jointly reads: if it starts with a quote, check that the quote is closed")
    }

    private func nulByte() -> JointlyError {
        failure(
            line: line,
            "NUL byte in the text: this is not a UTF-8 text file (if it was saved as UTF-16 or \"Unicode text\", add --encoding utf-16, or save it again as \"CSV UTF-8\")")
    }

    private func loneCarriageReturn() -> JointlyError {
        failure(
            line: line,
            "carriage return (CR) not followed by a line feed: save the file with Windows (CRLF) or Unix (LF) line endings, or put the field in quotes")
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// The memory of a reader's chunk, freed when the last copy of the reader goes away.
private final class ChunkStorage {
    let bytes: UnsafeMutableBufferPointer<UInt8>

    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
        bytes.initialize(repeating: 0)
    }

    deinit {
        bytes.deallocate()
    }
}

private enum Byte {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
}
