/// Lists as CSV text, spreadsheet formulas neutralised (DESIGN.md's one rule).
enum CSVText {
    static func render(headers: [String], rows: [[String]]) throws -> String {
        var writer = CSVWriter(neutralisesFormulas: true)
        try writer.write(headers)
        for row in rows { try writer.write(row) }
        try writer.flush()
        return writer.text
    }
}
