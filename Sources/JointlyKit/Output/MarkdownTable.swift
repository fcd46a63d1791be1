/// Lists as GitHub-flavoured Markdown tables, every cell escaped so it shows as typed.
enum MarkdownTable {
    static func render(headers: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(MarkdownEscaping.escape).joined(separator: " | ") + " |\n"
        }
        return line(headers) + "|" + String(repeating: " --- |", count: headers.count) + "\n" + rows.map(line).joined()
    }
}
