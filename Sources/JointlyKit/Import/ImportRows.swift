import Foundation

/// One row of an import file before its columns are mapped to fields.
struct ImportRow {
    /// The 1-based line where the row starts.
    var line: Int
    /// Cells by column index (see ``ImportRowReader/columns``); `""` where the row has no value.
    var cells: [String]
    /// JSON only: the cells that were not a string, number or null, by column index, so a
    /// field can refuse `true` or a list it cannot mean. Empty for CSV and TSV.
    var jsonKinds: [Int: JSONKind] = [:]
    /// What makes the row unreadable as a whole (a CSV row with too many or too few
    /// fields), reported as the row's one problem; the reading goes on.
    var problem: String?
}

/// A JSON value that is not plain text, as ``ImportRow/jsonKinds`` records it.
enum JSONKind: Equatable {
    case boolean, list, emptyList
}

/// Rows of an import file, whatever its format, as cells under column names.
protocol ImportRowReader {
    /// The columns named so far: a CSV header, or every JSON key seen.
    var columns: [String] { get }
    /// The line of the header, for messages about columns.
    var headerLine: Int { get }
    /// The next row, or nil at the end.
    mutating func next() throws -> ImportRow?
}

/// CSV and TSV rows, streaming, through the strict ``CSVReader``.
struct CSVRowReader: ImportRowReader {
    private var reader: CSVReader
    let columns: [String]
    let headerLine: Int

    init(source: any CSVByteSource, name: String, delimiter: CSVDelimiter) throws {
        reader = CSVReader(source: source, name: name, delimiter: delimiter)
        // Each row with the wrong number of fields is reported; the reading goes on.
        reader.checksFieldCount = false
        guard let header = try reader.next() else {
            throw JointlyError.invalidFile([Diagnostic(
                path: name, line: 1,
                message: "the file is empty; it needs a header row naming the columns, such as org,country,website")])
        }
        columns = header.fields
        headerLine = header.line
    }

    mutating func next() throws -> ImportRow? {
        guard var record = try reader.next() else { return nil }
        // A row of empty cells (`;;;;`, which Excel writes for a blank row) says nothing.
        while record.fields.allSatisfy(\.isEmpty) {
            guard let next = try reader.next() else { return nil }
            record = next
        }
        if let problem = reader.fieldCountProblem(record) {
            return ImportRow(line: record.line, cells: [], problem: problem.message)
        }
        return ImportRow(line: record.line, cells: record.fields)
    }
}

/// A JSON value as an import cell sees it.
enum JSONCell: Decodable {
    case text(String)
    case boolean(Bool)
    case list([String])
    case null
    /// An object: a row at the top of a JSON array, an error inside one.
    case object([String: JSONCell])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .text(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .text(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let values = try? container.decode([JSONCell].self) {
            self = .list(values.compactMap { if case .text(let text) = $0 { return text } else { return nil } })
        } else {
            self = .object((try? container.decode([String: JSONCell].self)) ?? [:])
        }
    }
}

/// Turns JSON objects into rows, adding a column for each key the first time it is seen.
struct JSONObjectColumns {
    var columns: [String] = []
    private var index: [String: Int] = [:]

    mutating func row(_ object: [String: JSONCell], line: Int, name: String) throws -> ImportRow {
        var cells = [String](repeating: "", count: columns.count)
        var kinds: [Int: JSONKind] = [:]
        for key in object.keys.sorted() {
            let position: Int
            if let known = index[key] {
                position = known
            } else {
                position = columns.count
                index[key] = position
                columns.append(key)
                cells.append("")
            }
            switch object[key] {
            case .text(let text): cells[position] = text
            case .boolean(let value):
                cells[position] = value ? "true" : "false"
                kinds[position] = .boolean
            // Arrays are demand keys; the importer splits them again on commas.
            case .list(let values):
                cells[position] = values.joined(separator: ",")
                kinds[position] = values.isEmpty ? .emptyList : .list
            case .null, nil: break
            case .object:
                throw JointlyError.invalidFile([Diagnostic(
                    path: name, line: line,
                    message: "'\(key)' holds an object; Jointly reads text, numbers, true or false, and arrays of demand keys")])
            }
        }
        return ImportRow(line: line, cells: cells, jsonKinds: kinds)
    }
}

/// A JSON array of objects. The whole file is read, so NDJSON is the format for large files.
struct JSONArrayRowReader: ImportRowReader {
    private var objects: [[String: JSONCell]]
    private var lines: [Int]
    private var position = 0
    private var mapper = JSONObjectColumns()
    private let name: String
    var columns: [String] { mapper.columns }
    let headerLine = 1

    init(source: any CSVByteSource, name: String) throws {
        self.name = name
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0, name: name) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let scan = JSONScan(bytes)
        let elementLines = scan.elementLines
        lines = elementLines
        let values: [JSONCell]
        do {
            values = try JSONDecoder().decode([JSONCell].self, from: Data(bytes))
        } catch {
            throw JointlyError.invalidFile([Diagnostic(
                path: name, line: nil,
                message: "not a JSON array of objects (\(Self.reason(error, expected: "an array [ … ]"))); for one object per line use --format ndjson")])
        }
        objects = []
        objects.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard case .object(let object) = value else {
                throw JointlyError.invalidFile([Diagnostic(
                    path: name, line: index < elementLines.count ? elementLines[index] : 1,
                    message: "each element of the array must be an object such as {\"organisation\": \"…\"}")])
            }
            objects.append(object)
        }
        if let problem = scan.problem {
            throw JointlyError.invalidFile([Diagnostic(path: name, line: problem.line, message: problem.message)])
        }
    }

    mutating func next() throws -> ImportRow? {
        guard position < objects.count else { return nil }
        defer { position += 1 }
        return try mapper.row(objects[position], line: position < lines.count ? lines[position] : 1, name: name)
    }

    /// Why JSON could not be read, in words: the parser's own message for broken syntax;
    /// for valid JSON of the wrong shape, what was `expected` (never Swift's debug text).
    static func reason(_ error: any Error, expected: String) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?:
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
                .replacingOccurrences(of: "\n", with: " ")
        case .typeMismatch?, .valueNotFound?, .keyNotFound?:
            return "it is valid JSON, but not \(expected)"
        default:
            return "\(error)".replacingOccurrences(of: "\n", with: " ")
        }
    }
}

/// Newline-delimited JSON: one object per line, streamed.
struct NDJSONRowReader: ImportRowReader {
    private let source: any CSVByteSource
    private let name: String
    private var mapper = JSONObjectColumns()
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var ended = false
    private var line = 0
    private let decoder = JSONDecoder()
    var columns: [String] { mapper.columns }
    let headerLine = 1
    static let maxLineBytes = 8 << 20

    init(source: any CSVByteSource, name: String) {
        self.source = source
        self.name = name
    }

    mutating func next() throws -> ImportRow? {
        while let text = try nextLine() {
            var bytes = text
            if line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let object: [String: JSONCell]
            do {
                object = try decoder.decode([String: JSONCell].self, from: Data(bytes))
            } catch {
                throw JointlyError.invalidFile([Diagnostic(
                    path: name, line: line,
                    message: "not a JSON object (\(JSONArrayRowReader.reason(error, expected: "an object { … }"))); NDJSON has one object per line, in UTF-8")])
            }
            if let problem = JSONScan(bytes, firstLine: line).problem {
                throw JointlyError.invalidFile([Diagnostic(path: name, line: problem.line, message: problem.message)])
            }
            return try mapper.row(object, line: line, name: name)
        }
        return nil
    }

    private mutating func nextLine() throws -> [UInt8]? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let text = Array(buffer[start..<newline])
                start = newline + 1
                line += 1
                return text
            }
            // Drop the lines already returned before reading more, so the buffer stays small.
            buffer.removeSubrange(..<start)
            start = 0
            searchFrom = buffer.count
            if buffer.count > Self.maxLineBytes {
                throw JointlyError.invalidFile([Diagnostic(
                    path: name, line: line + 1, message: "line is longer than \(Self.maxLineBytes) bytes, the most Jointly reads")])
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                line += 1
                return buffer
            }
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0, name: name) }
            if count == 0 { ended = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }
}
