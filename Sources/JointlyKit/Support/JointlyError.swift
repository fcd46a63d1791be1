/// A problem found in a file the user gave Jointly, with where it is.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    /// The file, as the user named it.
    public var path: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong and, where it helps, what to do.
    public var message: String

    /// Makes a diagnostic for `path` at `line`.
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, the form editors and terminals link to.
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Every failure Jointly reports to a user. Each case carries its context, and its
/// description says what is wrong and what to do next, in one line per problem.
public enum JointlyError: Error, Equatable, Sendable {
    /// The database file does not exist and the command needs one.
    case databaseMissing(path: String)
    /// The file at `path` is not a Jointly database, or is damaged.
    case notADatabase(path: String, reason: String)
    /// The database was written by a newer Jointly.
    case databaseTooNew(path: String, migration: String)
    /// `init` was asked to create a database that already exists.
    case databaseExists(path: String)
    /// Problems in an input file (statement file, CSV, template), one per line.
    case invalidFile([Diagnostic])
    /// A file or folder could not be read or written.
    case io(path: String, reason: String)
    /// No statement has this slug.
    case unknownStatement(slug: String)
    /// No organisation matches this name; `shortNameOf` names one whose short name it is.
    case unknownOrganisation(name: String, shortNameOf: String? = nil)
    /// `sign` was given, as a new organisation's name, the short name of one it knows.
    case shortNameOfKnown(name: String, organisation: String, country: String?)
    /// The name matches organisations in more than one country; `option` is the flag that
    /// says which (`--country`, or `--match-country` where `--country` means a new one), nil
    /// for a row of a file, whose country cell says it.
    case ambiguousOrganisation(name: String, countries: [String], option: String? = "--country")
    /// The organisation has no signature on the statement.
    case notSigned(organisation: String, slug: String)
    /// The organisation already signed and nothing was changed.
    case alreadySigned(organisation: String, slug: String, status: String)
    /// A value given for a field is not acceptable.
    case invalidValue(field: String, value: String, reason: String)
    /// The demand keys are not demands of the statement.
    /// The demand keys are not demands of the statement; `textsAccepted` when the demands
    /// could have been given by their texts too (an import's cell).
    case unknownDemands(slug: String, keys: [String], known: [String], textsAccepted: Bool = false)
    /// The statement is closed to new signatures or changes.
    case statementClosed(slug: String)
    /// A change to the statement's state that its current state does not allow.
    case invalidTransition(slug: String, from: String, to: String, allowed: [String])
    /// A template could not be used.
    case template(name: String, reason: String)
    /// Something unexpected went wrong in SQLite; the message is SQLite's.
    case database(String)
    /// Several problems found together, reported one per line.
    case problems([JointlyError])
}

extension JointlyError: CustomStringConvertible {
    /// The message printed after `error: `; one line per problem.
    public var description: String {
        lines.joined(separator: "\n")
    }

    /// One line per problem, without the `error: ` prefix.
    public var lines: [String] {
        switch self {
        case .invalidFile(let diagnostics):
            return diagnostics.map(\.description)
        case .problems(let errors):
            return errors.flatMap(\.lines)
        default:
            return [singleLine]
        }
    }

    private var singleLine: String {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path): run 'jointly init' to create one, or pass --db PATH"
        case .notADatabase(let path, let reason):
            return "\(path) is not a Jointly database (\(reason)): check --db or JOINTLY_DB"
        case .databaseTooNew(let path, let migration):
            return "\(path) was written by a newer Jointly (schema '\(migration)'); upgrade jointly to open it — the file was not changed"
        case .databaseExists(let path):
            return "a database already exists at \(path); nothing was changed"
        case .invalidFile(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .unknownStatement(let slug):
            return "no statement '\(shown(slug))': see 'jointly statement list', or add it with 'jointly statement add FILE'"
        case .unknownOrganisation(let name, let full?):
            return "no organisation matches '\(shown(name))', but it is the short name of \(shown(full)): use that name, or make '\(shown(name))' an alias with 'jointly org alias \"\(shown(full))\" \"\(shown(name))\"'"
        case .shortNameOfKnown(let name, let full, let country):
            let named = "'\(shown(full))'" + (country.map { " (\($0))" } ?? "")
            return "'\(shown(name))' is the short name of \(named), so nothing was signed: sign with --org \"\(shown(full))\", "
                + "or make it an alias first with 'jointly org alias \"\(shown(full))\" \"\(shown(name))\"'; "
                + "add --force if '\(shown(name))' is another organisation"
        case .unknownOrganisation(let name, nil):
            return "no organisation matches '\(shown(name))': see 'jointly org list'"
        case .ambiguousOrganisation(let name, let countries, nil):
            let known = countries.filter { !$0.isEmpty }
            let extra = known.count < countries.count ? " and one with no country yet" : ""
            return "'\(shown(name))' matches organisations in \(known.joined(separator: " and "))\(extra): "
                + "fill in the row's country (\(known.joined(separator: " or "))\(extra.isEmpty ? "" : ", or its own for the one without")) to say which"
        case .ambiguousOrganisation(let name, let countries, let option?):
            let known = countries.filter { !$0.isEmpty }
            guard known.count < countries.count else {
                return "'\(shown(name))' matches organisations in \(known.joined(separator: " and ")): add \(option) \(known.first ?? "CC") to say which"
            }
            // The one with no country is what any other country picks (and gives that country).
            return "'\(shown(name))' matches organisations in \(known.joined(separator: " and ")) and one with no country yet: "
                + "add \(option) \(known.first ?? "CC") to say which, or its own country for the one without"
        case .notSigned(let organisation, let slug):
            return "\(shown(organisation)) has not signed '\(shown(slug))': see 'jointly signatories \(slug) --status all'"
        case .alreadySigned(let organisation, let slug, let status):
            return "\(shown(organisation)) already signed '\(slug)' (\(status)); nothing was changed (use --update to change the signature)"
        case .invalidValue(let field, let value, let reason):
            return "\(field) '\(shown(value))': \(reason)"
        case .unknownDemands(let slug, let keys, let known, let textsAccepted):
            let noun = keys.count == 1 ? "demand" : "demands"
            return "'\(slug)' has no \(noun) \(keys.map { "'\($0)'" }.joined(separator: ", ")); its demands are: \(known.joined(separator: ", "))"
                // Words, not a mistyped key: say how a text is read.
                + (textsAccepted && keys.contains { $0.contains(" ") } ? " (a cell may also give each demand by its whole text, as the statement words it)" : "")
        case .statementClosed(let slug):
            return "'\(slug)' is closed and takes no more signatures"
        case .invalidTransition(let slug, let from, let to, let allowed):
            if allowed.isEmpty { return "'\(slug)' is \(from) and cannot become \(to): a \(from) statement is final" }
            return "'\(slug)' is \(from) and cannot become \(to); from \(from) it can become: \(allowed.joined(separator: ", "))"
        case .template(let name, let reason):
            return "template \(name): \(reason)"
        case .database(let message):
            return "database: \(message)"
        case .problems(let errors):
            return errors.flatMap(\.lines).joined(separator: "\n")
        }
    }
}

/// A value as an error message shows it: control and bidirectional characters written
/// as `\u{…}` so they cannot hide or reorder the text on a terminal, and very long
/// values cut, with their length said.
func shown(_ value: String) -> String {
    var text = ""
    var count = 0
    for scalar in value.unicodeScalars {
        count += 1
        guard count <= 80 else { continue }
        let isBidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
        if scalar.properties.generalCategory == .control || isBidi {
            text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        } else {
            text.unicodeScalars.append(scalar)
        }
    }
    return count > 80 ? text + "… (\(value.count) characters)" : text
}

/// Names quoted for a message, at most `limit` of them and then how many more, so a
/// file with a thousand columns still gets a one-line message a person can read.
public func quotedList(_ names: [String], limit: Int = 10) -> String {
    let listed = names.prefix(limit).map { "'\(shown($0))'" }.joined(separator: ", ")
    return names.count > limit ? listed + " and \(names.count - limit) more" : listed
}
