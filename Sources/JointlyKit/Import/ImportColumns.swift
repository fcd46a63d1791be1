import Foundation

/// The fields an import row may set: DESIGN.md's field table, named as import headers.
public enum ImportField: String, CaseIterable, Sendable {
    case org, shortName = "short-name", country, website, kind, person, title, email, demands
    case signedAt = "signed-at", status, unnamed
    /// False for a person who signs in their own name, the organisation named as affiliation only.
    case onBehalf = "on-behalf"

    /// The field `name` means: an import header (`short-name`) or a JSON key (`shortName`, `organisation`).
    public init?(fieldName name: String) {
        let key = name.trimmingCharacters(in: .whitespaces)
        if let field = ImportField(rawValue: key.lowercased()) {
            self = field
            return
        }
        switch key {
        case "organisation", "organization": self = .org
        case "shortName": self = .shortName
        case "signedAt": self = .signedAt
        case "onBehalf": self = .onBehalf
        default: return nil
        }
    }
}

/// Which column of a file holds which field.
struct ImportColumns {
    /// Field by column index.
    private(set) var fields: [Int: ImportField] = [:]
    /// Columns read by no field, as the file names them.
    private(set) var ignored: [String] = []
    private var mapped = 0
    private let overrides: [String: ImportField?]
    private let path: String

    /// `mappings` come from `--map COLUMN=FIELD`; a column matches exactly or by ``key(_:)``.
    init(mappings: [ColumnMapping], path: String) {
        var overrides: [String: ImportField?] = [:]
        for mapping in mappings {
            overrides.updateValue(mapping.field, forKey: mapping.column)
            overrides.updateValue(mapping.field, forKey: Self.key(mapping.column))
        }
        self.overrides = overrides
        self.mappings = mappings
        self.path = path
    }

    private let mappings: [ColumnMapping]

    /// Checks every `--map` names a column the file has.
    func checkMappings(_ columns: [String], line: Int) throws {
        let names = Set(columns).union(columns.map(Self.key))
        let missing = mappings.filter { !names.contains($0.column) && !names.contains(Self.key($0.column)) }
        guard !missing.isEmpty else { return }
        throw JointlyError.invalidFile(missing.map { mapping in
            Diagnostic(
                path: path, line: line,
                message: "--map names the column '\(mapping.column)', which the file does not have; the headers are: \(columns.map { "'\($0)'" }.joined(separator: ", "))")
        })
    }

    /// Maps the columns not mapped yet (JSON files name new keys as they go).
    mutating func map(_ columns: [String], line: Int) throws {
        guard mapped < columns.count else { return }
        var guessed: [ImportField: String] = [:]
        for (index, field) in fields { guessed[field] = columns[index] }
        for index in mapped..<columns.count {
            let column = columns[index]
            let field: ImportField?
            if let override = overrides[column] ?? overrides[Self.key(column)] {
                field = override
            } else {
                field = Self.field(forHeader: column)
                // A form's "Sign anonymously?" left unread would publish every group that said yes.
                if field == nil, Self.mayAskAboutNaming(column) {
                    mapped = columns.count
                    throw JointlyError.invalidFile([Diagnostic(path: path, line: line, message: Self.namingAdvice(column))])
                }
            }
            guard let field else {
                ignored.append(column)
                continue
            }
            if let other = guessed[field] {
                // Said once, at the line that brought the second column: the import fails,
                // and every later line naming both keys would only repeat it.
                mapped = columns.count
                // --map names a column by its header, so two headers alike cannot be told apart by it.
                let advice = other == column
                    ? "two columns are headed '\(other)'; rename or delete one of them in the file"
                    : Self.key(other) == Self.key(column)
                    ? "the columns '\(other)' and '\(column)' differ only in capitals or punctuation, which --map cannot tell apart; rename or delete one of them in the file"
                    : "the columns '\(other)' and '\(column)' both read as '\(field.rawValue)'; keep one, or choose with --map \"\(column)=\(field.rawValue)\" --map \"\(other)=ignore\""
                throw JointlyError.invalidFile([Diagnostic(path: path, line: line, message: advice)])
            }
            guessed[field] = column
            fields[index] = field
        }
        mapped = columns.count
    }

    /// Checks the organisation's name has a column; `columns` are named in the message.
    func requireOrganisation(_ columns: [String], line: Int) throws {
        guard !fields.values.contains(.org) else { return }
        let seen = columns.isEmpty ? "none" : quotedList(columns)
        throw JointlyError.invalidFile([Diagnostic(
            path: path, line: line,
            message: "no column holds the organisation's name (org); the headers are: \(seen); name it with --map \"COLUMN=org\"")])
    }

    /// A header as compared: lower case, punctuation as spaces, spaces collapsed.
    static func key(_ header: String) -> String {
        header.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .joined(separator: " ")
    }

    /// The field a header names, by its exact name or a common spelling in form exports.
    static func field(forHeader header: String) -> ImportField? {
        if let field = ImportField(fieldName: header) { return field }
        let key = key(header)
        if let field = synonyms[key] { return field }
        if ignoredHeaders.contains(key) { return nil }
        // Questions as forms phrase them: "What is the name of your organisation?"
        let words = Set(key.split(separator: " ").map(String.init))
        if words.contains("demands") || words.contains("demand") { return .demands }
        if words.contains("email") || key.contains("e mail") { return .email }
        if words.contains("website") || words.contains("url") { return .website }
        if words.contains("country") { return .country }
        if words.contains("acronym") || words.contains("abbreviation")
            || (words.contains("short") && (words.contains("name") || words.contains("form"))) {
            return .shortName
        }
        guard !words.isDisjoint(with: organisationWords) else { return nil }
        if words.contains("type") || words.contains("kind") { return .kind }
        // Only a header that says nothing but "the organisation('s name)" holds the name:
        // "Organisation phone number", "Organisation Twitter" or "Title of organisation"
        // hold something else, and taking one for the name would publish it.
        return words.isSubset(of: organisationNameWords) ? .org : nil
    }

    private static let organisationWords: Set<String> = [
        "organisation", "organization", "organisations", "organizations", "group",
    ]

    /// The words a question may wrap around "organisation" and still ask for its name.
    private static let organisationNameWords: Set<String> = organisationWords.union([
        "name", "names", "full", "legal", "official", "registered", "s", "the", "a", "of", "your", "you", "what", "is",
        "which", "please", "enter", "give", "write", "in", "english", "signing", "sign", "on", "whose", "behalf", "for",
        "are", "from",
    ])

    /// Header spellings seen in form exports, keyed as ``key(_:)`` writes them.
    static let synonyms: [String: ImportField] = {
        var map: [String: ImportField] = [:]
        func add(_ field: ImportField, _ names: [String]) {
            for name in names { map[key(name)] = field }
        }
        add(.org, [
            "organisation", "organization", "organisation name", "organization name", "name of organisation",
            "name of organization", "name of your organisation", "name of your organization", "your organisation",
            "your organization", "organisation's name", "organization's name", "organisation full name",
            "organization full name", "group", "group name", "company", "company name", "signatory organisation",
            "signatory organization", "org name", "signatory",
        ])
        add(.shortName, ["short name", "shortname", "acronym", "abbreviation", "organisation acronym", "organization acronym"])
        add(.country, ["country", "country code", "country/region", "country or region", "nation", "country of registration"])
        add(.website, ["website", "web site", "web", "url", "homepage", "home page", "site", "web address"])
        add(.kind, ["kind", "type", "organisation type", "organization type", "type of organisation", "type of organization", "sector", "category"])
        add(.person, [
            "person", "name", "your name", "full name", "contact name", "contact person", "signatory name", "signed by",
            "first and last name", "name of signatory", "name of person signing",
        ])
        add(.title, ["title", "job title", "position", "role", "your title", "your position", "your role", "person title"])
        add(.email, ["email", "e-mail", "email address", "e-mail address", "your email", "your email address", "contact email"])
        add(.demands, ["demands", "demand", "endorsed demands", "demands endorsed", "which demands do you endorse"])
        add(.signedAt, [
            "signed at", "signed on", "date signed", "signature date", "date", "timestamp", "time stamp", "submitted",
            "submitted at", "submission date", "completion time", "created at", "created", "date submitted",
        ])
        add(.status, ["status"])
        add(.unnamed, ["unnamed", "anonymous", "sign anonymously", "unnamed signatory"])
        add(.onBehalf, ["on-behalf", "on behalf", "on behalf of the organisation", "on behalf of the organization"])
        return map
    }()

    /// Whether a header no field reads may ask whether the group may be named ("Would you
    /// like to sign anonymously?", "May we publish your organisation's name?"): an import
    /// never leaves such a column unread without being told to.
    static func mayAskAboutNaming(_ header: String) -> Bool {
        !Set(key(header).split(separator: " ").map(String.init)).isDisjoint(with: namingWords)
    }

    static let namingWords: Set<String> = [
        "anonymous", "anonymously", "anonymity", "anonymise", "anonymised", "anonymize", "anonymized", "unnamed", "named",
        "publish", "published", "publicly", "public", "confidential", "confidentially", "undisclosed", "disclose",
    ]

    /// What to do with a column that may ask whether the group may be named.
    static func namingAdvice(_ column: String) -> String {
        "the column '\(column)' may say whether a group may be named, and no field reads it, so nothing was imported: "
            + "if a yes there means \"do not name us\", read it with --map \(Shell.quoted(column + "=unnamed")); "
            + "if it means the opposite (\"may we publish your name?\"), turn it into an 'unnamed' column first; "
            + "to leave it unread, --map \(Shell.quoted(column + "=ignore"))"
    }

    /// Form export columns that carry nothing Jointly keeps; ignored without a guess.
    static let ignoredHeaders: Set<String> = [
        "id", "start time", "last modified time", "response id", "respondent id", "score", "total score",
    ]
}

/// One `--map COLUMN=FIELD`: FIELD is a field name, or `ignore` to skip the column.
public struct ColumnMapping: Equatable, Sendable {
    public var column: String
    public var field: ImportField?

    /// Refuses one column mapped to two fields (`--map Land=country --map Land=ignore`): the
    /// last would count, and the other be dropped without a word.
    static func checkEachColumnOnce(_ mappings: [ColumnMapping]) throws {
        var seen: [String: ColumnMapping] = [:]
        for mapping in mappings {
            let key = ImportColumns.key(mapping.column)
            if let earlier = seen[key], earlier.field != mapping.field {
                let name = { (field: ImportField?) in field?.rawValue ?? "ignore" }
                throw JointlyError.invalidValue(
                    field: "map", value: "\(mapping.column)=\(name(mapping.field))",
                    reason: "the column '\(earlier.column)' is already mapped to \(name(earlier.field)); map each column once")
            }
            seen[key] = mapping
        }
    }

    /// Parses `COLUMN=FIELD`; the last `=` separates them, so a column may contain one.
    public init(_ text: String) throws {
        guard let equals = text.lastIndex(of: "=") else {
            throw JointlyError.invalidValue(field: "map", value: text, reason: "write COLUMN=FIELD, such as \"Your organisation=org\"")
        }
        column = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let name = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        if column.isEmpty {
            throw JointlyError.invalidValue(field: "map", value: text, reason: "the column name before '=' is empty")
        }
        if name == "ignore" || name == "-" {
            field = nil
        } else if let field = ImportField(fieldName: name) {
            self.field = field
        } else {
            throw JointlyError.invalidValue(
                field: "map", value: text,
                reason: "'\(name)' is not a field; the fields are \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")), or ignore")
        }
    }
}
