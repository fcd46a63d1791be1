import Foundation

/// The formats a list can be printed in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, csv, json, ndjson, md
}

/// A list ready to print: rows of text for tables, CSV and Markdown; values for JSON.
public struct Report<Item: Encodable>: Sendable where Item: Sendable {
    /// Column headers for table, CSV and Markdown output.
    public var headers: [String]
    /// One row of cells per line, as wide as `headers`.
    public var rows: [[String]]
    /// The values JSON and NDJSON output encode.
    public var items: [Item]

    /// Makes a report.
    public init(headers: [String], rows: [[String]], items: [Item]) {
        self.headers = headers
        self.rows = rows
        self.items = items
    }

    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) throws -> String {
        switch format {
        case .table: return TextTable.render(headers: headers, rows: rows)
        case .csv: return try CSVText.render(headers: headers, rows: rows)
        case .md: return MarkdownTable.render(headers: headers, rows: rows)
        case .json:
            // Sorted keys: Foundation on Linux would otherwise vary the order run to run,
            // and output that differs for the same data cannot be diffed or checked.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(items), as: UTF8.self) + "\n"
        case .ndjson:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try items.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        }
    }
}

/// Plain-text tables for the terminal: columns padded to their widest cell.
enum TextTable {
    static func render(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text += isLast ? cell : cell + String(repeating: " ", count: widths[index] - displayWidth(cell) + 2)
            }
            return text + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }

    /// Terminal columns a cell takes: wide East Asian characters count twice.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return width
            default: break
            }
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }
}
