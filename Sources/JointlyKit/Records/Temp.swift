// Placeholder until the statement-file parser lands; removed at merge.
enum Countries { static func code(for input: String) -> String? { ["GB":"GB","US":"US","RU":"RU","DE":"DE","FR":"FR"][input.uppercased()] }
 static func name(ofCode code: String) -> String? { ["GB":"United Kingdom","US":"United States","RU":"Russia","DE":"Germany","FR":"France"][code] } }
enum CSVText { static func render(headers: [String], rows: [[String]]) -> String { "" } }
enum MarkdownTable { static func render(headers: [String], rows: [[String]]) -> String { "" } }
enum DefaultTemplates { static func write(to: String) throws -> [String] { [] } }
