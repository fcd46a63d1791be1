// Placeholder until the statement-file parser lands; removed at merge.
public enum GroupBy: String, Codable, CaseIterable, Sendable { case none, kind, country }
public enum AddresseeKind: String, Codable, CaseIterable, Sendable { case state, intergovernmental, company, other }
public struct StatementFile: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case original; case translation(of: String, version: Int) }
  public struct Addressee: Equatable, Sendable { public var key: String; public var name: String; public var kind: AddresseeKind; public var line: Int }
  public struct Demand: Equatable, Sendable { public var key: String; public var addressee: String; public var text: String; public var line: Int }
  public var path: String
  public var kind: Kind
  public var slug: String
  public var title: String
  public var date: String?
  public var language: String
  public var issuer: String
  public var groupBy: GroupBy
  public var deadline: String?
  public var addressees: [Addressee]
  public var demands: [Demand]
  public var body: String
  public var bodyLine: Int
  public var canonicalText: String { title }
  public var textHash: String { title }
}
enum Countries { static func code(for input: String) -> String? { ["GB":"GB","US":"US","RU":"RU","DE":"DE","FR":"FR"][input.uppercased()] }
 static func name(ofCode code: String) -> String? { ["GB":"United Kingdom","US":"United States","RU":"Russia","DE":"Germany","FR":"France"][code] } }
enum CSVText { static func render(headers: [String], rows: [[String]]) -> String { "" } }
enum MarkdownTable { static func render(headers: [String], rows: [[String]]) -> String { "" } }
enum StatementFileParser { static func load(path: String) throws -> StatementFile { throw JointlyError.io(path: path, reason: "x") } }
enum DefaultTemplates { static func write(to: String) throws -> [String] { [] } }
