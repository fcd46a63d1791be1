// Placeholder until the statement-file parser lands; removed at merge.
enum MarkdownTable { static func render(headers: [String], rows: [[String]]) -> String { "" } }
enum DefaultTemplates { static func write(to: String) throws -> [String] { [] } }
