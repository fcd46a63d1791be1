import Foundation
import Yams

/// Walks a front matter node tree strictly, applying the statement file rules and
/// collecting every problem with its file line.
///
/// Keys: a key must be a scalar; its text is the key (so `1: x` or `true: x` is reported
/// as an unknown key '1' or 'true', with the allowed keys). A list or mapping used as a
/// key (`? [a]: b`) is reported as "a key must be a plain name". Text fields take any
/// scalar's text as written (`title: 2018` is the title "2018"; `date: 2018-04-30` is
/// the string, whatever tag YAML gives it); a list or mapping there is reported.
struct StatementFileChecker {
    let path: String
    /// The file line of the YAML's first line.
    let firstLine: Int
    private(set) var problems: [Diagnostic] = []
    /// Every demand's `to:`, each checked against the addressees once both lists are read,
    /// even when a demand has another problem (a key used twice, a missing text).
    private var addresseeReferences: [(label: String, addressee: String, line: Int)] = []
    /// The keys of the addressees read, even those with another problem (a missing name).
    private var addresseeKeys: [String] = []

    init(path: String, firstLine: Int) {
        self.path = path
        self.firstLine = firstLine
    }

    static let originalKeys = ["slug", "title", "date", "language", "issuer", "group-by", "deadline", "addressees", "demands"]
    static let translationKeys = ["translation-of", "translates-version", "title", "language", "date", "addressees", "demands"]

    /// A key's value, with the line of the key.
    struct Entry {
        var line: Int
        var value: Node
    }

    // MARK: - The whole file

    mutating func check(root: Node?, body: String, bodyLine: Int) -> StatementFile? {
        let fileName = (path as NSString).lastPathComponent
        let mapping: Node.Mapping
        switch root {
        case nil:
            mapping = Node.Mapping([])
        case .mapping(let rootMapping)?:
            mapping = rootMapping
        case let other?:
            report(line(other), "the front matter must be settings written as 'key: value' lines, such as 'slug: …' and 'title: …'")
            return nil
        }
        let isTranslation = mapping.contains { $0.key.scalar?.string == "translation-of" }
        let allowed = isTranslation ? Self.translationKeys : Self.originalKeys
        let entries = self.entries(of: mapping, allowed: allowed,
                                   unknown: isTranslation ? "unknown key '%@' for a translation" : "unknown key '%@'")
        let topLine = firstLine - 1

        let title = requiredText("title", in: entries, missingLine: topLine, what: "give the statement a title")
        let language = requiredText("language", in: entries, missingLine: topLine, what: "give the BCP 47 tag of the text, such as en")
        if let language, let entry = entries["language"], !Self.isLanguageTag(language) {
            report(entry.line, "language '\(language)' is not a BCP 47 tag: use a tag such as en, ru, pt-BR or zh-Hans")
        }
        let date = isTranslation
            ? optionalDate("date", in: entries)
            : requiredDate("date", in: entries, missingLine: topLine)
        let demands = self.demands(in: entries, missingLine: topLine, isTranslation: isTranslation)

        let stem = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        if isTranslation {
            return checkTranslation(entries: entries, stem: stem, fileName: fileName, topLine: topLine,
                                    title: title, language: language, date: date, demands: demands,
                                    body: body, bodyLine: bodyLine)
        }

        let slug = requiredText("slug", in: entries, missingLine: topLine, what: "give the statement's slug, the file name without .md")
        if let slug, let entry = entries["slug"] {
            if !Self.isKebabCase(slug) {
                report(entry.line, "slug '\(slug)' is not kebab-case: use lowercase letters, digits and single hyphens, such as 'russia-telegram-2018'")
            } else if slug != stem {
                report(entry.line, "slug '\(slug)' does not match the file name '\(fileName)': rename the file to \(slug).md or change the slug")
            }
        }
        let issuer = requiredText("issuer", in: entries, missingLine: topLine, what: "name the lead organisation")
        var groupBy = GroupBy.none
        if let entry = entries["group-by"], let value = text(of: entry, key: "group-by") {
            if let parsed = GroupBy(rawValue: value) {
                groupBy = parsed
            } else {
                report(entry.line, "group-by '\(value)' is not one of: \(GroupBy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let deadline = optionalDate("deadline", in: entries)
        let addressees = self.addressees(in: entries, missingLine: topLine)
        if let deadline, let date, deadline < date, let entry = entries["deadline"] {
            report(entry.line, "deadline '\(deadline)' is before the statement's date '\(date)': signatures are collected until the deadline, so give a later day")
        }
        if !addresseeKeys.isEmpty {
            let known = Set(addresseeKeys)
            let list = addresseeKeys.joined(separator: ", ")
            for reference in addresseeReferences where !known.contains(reference.addressee) {
                report(reference.line, "\(reference.label) names unknown addressee '\(reference.addressee)'; the addressees are: \(list)")
            }
        }
        guard let slug, let title, let date, let language, let issuer, let addressees, let demands else { return nil }
        return StatementFile(path: path, kind: .original, slug: slug, title: title, date: date,
                             language: language, issuer: issuer, groupBy: groupBy, deadline: deadline,
                             addressees: addressees, demands: demands.items, body: body, bodyLine: bodyLine)
    }

    private mutating func checkTranslation(
        entries: [String: Entry], stem: String, fileName: String, topLine: Int,
        title: String?, language: String?, date: String?, demands: Demands?,
        body: String, bodyLine: Int
    ) -> StatementFile? {
        let parts = stem.split(separator: ".", omittingEmptySubsequences: false)
        let nameSlug = parts.count == 2 ? String(parts[0]) : nil
        let nameLanguage = parts.count == 2 ? String(parts[1]) : nil
        let original = requiredText("translation-of", in: entries, missingLine: topLine, what: "give the original's slug")
        if let original, let entry = entries["translation-of"] {
            if nameSlug == nil {
                report(entry.line, "a translation's file name must be SLUG.LANG.md, such as \(original).ru.md; '\(fileName)' is not")
            } else if let nameSlug, original != nameSlug {
                report(entry.line, "translation-of '\(original)' does not match the file name '\(fileName)': a translation of '\(original)' is named \(original).LANG.md")
            }
        }
        if let language, let nameLanguage, language != nameLanguage, let entry = entries["language"] {
            report(entry.line, "language '\(language)' does not match the file name '\(fileName)': the file of a '\(language)' translation is named \(nameSlug ?? "SLUG").\(language).md")
        }
        var version: Int?
        if let entry = entries["translates-version"] {
            if let value = text(of: entry, key: "translates-version") {
                if value.allSatisfy(\.isASCII), let number = Int(value), number > 0, !value.hasPrefix("+") {
                    version = number
                } else {
                    report(entry.line, "translates-version '\(value)' is not a positive whole number: give the version of the original this translates, such as 1")
                }
            }
        } else {
            report(topLine, "missing 'translates-version': add 'translates-version: N', the version of the original this translates")
        }
        let names = entries["addressees"] == nil ? [] : translatedNames(in: entries, missingLine: topLine)
        guard let original, let version, let title, let language, let demands, let names else { return nil }
        var file = StatementFile(path: path, kind: .translation(of: original, version: version), slug: original,
                                 title: title, date: date, language: language, issuer: "",
                                 addressees: [], demands: demands.items, body: body, bodyLine: bodyLine)
        file.addresseeNames = names
        return file
    }

    /// A translation's `addressees:`: each a `key` of the original's and its `name` here.
    private mutating func translatedNames(in entries: [String: Entry], missingLine: Int) -> [StatementFile.TranslatedName]? {
        guard let items = list("addressees", in: entries, missingLine: missingLine, shape: "key and name") else { return nil }
        var result: [StatementFile.TranslatedName] = []
        var firstLines: [String: Int] = [:]
        var complete = true
        for item in items {
            guard case .mapping(let mapping) = item else {
                report(line(item), "each addressee must be a mapping with key and name")
                complete = false
                continue
            }
            let itemLine = line(item)
            var fields = self.entries(of: mapping, allowed: ["key", "name", "kind"], unknown: "unknown key '%@' in an addressee",
                                      listed: ["key", "name"])
            let key = self.key(in: fields, itemLine: itemLine, what: "addressee", firstLines: &firstLines)
            let label = key.map { "addressee '\($0)'" } ?? "this addressee"
            if let entry = fields.removeValue(forKey: "kind") {
                report(entry.line, "\(label) has 'kind', but a translation takes the kind from the original: remove it")
            }
            let name = requiredText("name", in: fields, missingLine: itemLine, what: "give \(label) its name in this language", owner: label)
            if let key, let name {
                result.append(StatementFile.TranslatedName(key: key, name: name, line: itemLine))
            } else {
                complete = false
            }
        }
        return complete ? result : nil
    }

    // MARK: - Addressees and demands

    private mutating func addressees(in entries: [String: Entry], missingLine: Int) -> [StatementFile.Addressee]? {
        guard let items = list("addressees", in: entries, missingLine: missingLine, shape: "key, name and kind") else { return nil }
        var result: [StatementFile.Addressee] = []
        var firstLines: [String: Int] = [:]
        var complete = true
        for item in items {
            guard case .mapping(let mapping) = item else {
                report(line(item), "each addressee must be a mapping with key, name and kind")
                complete = false
                continue
            }
            let itemLine = line(item)
            let fields = self.entries(of: mapping, allowed: ["key", "name", "kind"], unknown: "unknown key '%@' in an addressee")
            let key = self.key(in: fields, itemLine: itemLine, what: "addressee", firstLines: &firstLines)
            let label = key.map { "addressee '\($0)'" } ?? "this addressee"
            let name = requiredText("name", in: fields, missingLine: itemLine, what: "give \(label) a name", owner: label)
            var kind: AddresseeKind?
            if let entry = fields["kind"] {
                if let value = text(of: entry, key: "kind") {
                    kind = AddresseeKind(rawValue: value)
                    if kind == nil {
                        report(entry.line, "\(label) has kind '\(value)', which is not one of: \(AddresseeKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                }
            } else {
                report(itemLine, "\(label) has no 'kind': add 'kind:' with one of: \(AddresseeKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let key { addresseeKeys.append(key) }
            if let key, let name, let kind {
                result.append(StatementFile.Addressee(key: key, name: name, kind: kind, line: itemLine))
            } else {
                complete = false
            }
        }
        return complete ? result : nil
    }

    /// Demands, with the lines of their `to` values for messages about them.
    struct Demands {
        var items: [StatementFile.Demand]
    }

    private mutating func demands(in entries: [String: Entry], missingLine: Int, isTranslation: Bool) -> Demands? {
        let shape = isTranslation ? "key and text" : "key, to and text"
        guard let items = list("demands", in: entries, missingLine: missingLine, shape: shape) else { return nil }
        var result = Demands(items: [])
        var firstLines: [String: Int] = [:]
        var complete = true
        for item in items {
            guard case .mapping(let mapping) = item else {
                report(line(item), "each demand must be a mapping with \(shape)")
                complete = false
                continue
            }
            let itemLine = line(item)
            var fields = self.entries(of: mapping, allowed: ["key", "to", "text"],
                                      unknown: "unknown key '%@' in a demand",
                                      listed: isTranslation ? ["key", "text"] : nil)
            let key = self.key(in: fields, itemLine: itemLine, what: "demand", firstLines: &firstLines)
            // A key used twice is still the demand's name for the messages about it.
            let label = (key ?? fields["key"]?.value.string).map { "demand '\($0)'" } ?? "this demand"
            var addressee = ""
            if isTranslation {
                if let entry = fields.removeValue(forKey: "to") {
                    report(entry.line, "\(label) has 'to', but a translation takes its addressees from the original: remove it")
                }
            } else if let entry = fields["to"] {
                addressee = text(of: entry, key: "to") ?? ""
                if !addressee.isEmpty { addresseeReferences.append((label, addressee, line(entry.value))) }
                if addressee.isEmpty { complete = false }
            } else {
                report(itemLine, "\(label) has no 'to': add 'to:' with the key of its addressee")
                complete = false
            }
            let text = requiredText("text", in: fields, missingLine: itemLine, what: "give the text of \(label)", owner: label)
            if let key, let text {
                result.items.append(StatementFile.Demand(key: key, addressee: addressee, text: text, line: itemLine))
            } else {
                complete = false
            }
        }
        return complete ? result : nil
    }

    /// The `key` of a list item: required, kebab-case, unique in its list.
    private mutating func key(in fields: [String: Entry], itemLine: Int, what: String, firstLines: inout [String: Int]) -> String? {
        guard let key = requiredText("key", in: fields, missingLine: itemLine, what: "give the \(what) a kebab-case key", owner: "this \(what)"),
              let entry = fields["key"] else { return nil }
        if !Self.isKebabCase(key) {
            report(entry.line, "\(what) key '\(key)' is not kebab-case: use lowercase letters, digits and single hyphens, such as 'repeal-vpn-ban'")
            return nil
        }
        if let first = firstLines[key] {
            report(entry.line, "\(what) key '\(key)' is used twice (first at line \(first)): give each \(what) its own key")
            return nil
        }
        firstLines[key] = entry.line
        return key
    }

    // MARK: - Values

    /// The mapping's entries by key; non-scalar keys and keys not in `allowed` are reported.
    private mutating func entries(of mapping: Node.Mapping, allowed: [String], unknown: String,
                                  listed: [String]? = nil) -> [String: Entry] {
        var result: [String: Entry] = [:]
        let allowedList = (listed ?? allowed).joined(separator: ", ")
        for (keyNode, value) in mapping {
            let keyLine = line(keyNode)
            guard case .scalar(let scalar) = keyNode else {
                report(keyLine, "a key must be a plain name, not a list or mapping; the allowed keys are: \(allowedList)")
                continue
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                report(keyLine, unknown.replacingOccurrences(of: "%@", with: key) + "; the allowed keys are: \(allowedList)")
                continue
            }
            if let first = result[key] {
                report(keyLine, "key '\(key)' appears more than once (first at line \(first.line)): keep one")
                continue
            }
            result[key] = Entry(line: keyLine, value: value)
        }
        return result
    }

    /// A scalar's text, whitespace folded; a list or mapping is reported. `null` is empty.
    private mutating func text(of entry: Entry, key: String) -> String? {
        switch entry.value {
        case .scalar(let scalar):
            if entry.value.null != nil { return "" }
            return scalar.string.foldingWhitespace()
        case .sequence:
            report(entry.line, "'\(key)' must be text, not a list")
        case .mapping:
            report(entry.line, "'\(key)' must be text, not a mapping")
        case .alias:
            report(entry.line, "'\(key)' must be text, not an alias")
        }
        return nil
    }

    private mutating func requiredText(_ key: String, in entries: [String: Entry], missingLine: Int,
                                       what: String, owner: String? = nil) -> String? {
        guard let entry = entries[key] else {
            if let owner {
                report(missingLine, "\(owner) has no '\(key)': \(what)")
            } else {
                report(missingLine, "missing '\(key)': add a line '\(key): …' to the front matter to \(what)")
            }
            return nil
        }
        guard let value = text(of: entry, key: key) else { return nil }
        if value.isEmpty {
            report(entry.line, "'\(key)' is empty: \(what)")
            return nil
        }
        return value
    }

    private mutating func requiredDate(_ key: String, in entries: [String: Entry], missingLine: Int) -> String? {
        guard entries[key] != nil else {
            report(missingLine, "missing '\(key)': add a line '\(key): YYYY-MM-DD', the date the statement bears")
            return nil
        }
        return optionalDate(key, in: entries)
    }

    private mutating func optionalDate(_ key: String, in entries: [String: Entry]) -> String? {
        guard let entry = entries[key], let value = text(of: entry, key: key) else { return nil }
        guard Day.isValid(value) else {
            report(entry.line, "\(key) '\(value)' is not a real date: write it as YYYY-MM-DD, such as 2018-04-30")
            return nil
        }
        return value
    }

    private mutating func list(_ key: String, in entries: [String: Entry], missingLine: Int, shape: String) -> [Node]? {
        guard let entry = entries[key] else {
            report(missingLine, "missing '\(key)': add '\(key):' with a list of entries, each with \(shape)")
            return nil
        }
        guard case .sequence(let sequence) = entry.value else {
            report(entry.line, "'\(key)' must be a list of entries, each with \(shape)")
            return nil
        }
        guard !sequence.isEmpty else {
            report(entry.line, "'\(key)' is empty: list at least one entry, with \(shape)")
            return nil
        }
        return Array(sequence)
    }

    // MARK: - Shapes

    private func line(_ node: Node) -> Int {
        (node.mark?.line ?? 1) + firstLine - 1
    }

    private mutating func report(_ line: Int, _ message: String) {
        problems.append(Diagnostic(path: path, line: line, message: message))
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`.
    static func isKebabCase(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }

    /// The shape of a BCP 47 tag: language (2–3 letters), then an optional script
    /// (4 letters), region (2 letters or 3 digits) and variants. Extensions are not taken.
    static func isLanguageTag(_ text: String) -> Bool {
        var parts = text.split(separator: "-", omittingEmptySubsequences: false)[...]
        func letters(_ part: Substring, _ counts: ClosedRange<Int>) -> Bool {
            counts.contains(part.count) && part.allSatisfy { $0.isASCII && $0.isLetter }
        }
        guard let language = parts.popFirst(), letters(language, 2...3) else { return false }
        if let script = parts.first, letters(script, 4...4) { parts.removeFirst() }
        if let region = parts.first,
           letters(region, 2...2) || (region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber }) {
            parts.removeFirst()
        }
        return parts.allSatisfy { variant in
            variant.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                && ((5...8).contains(variant.count) || (variant.count == 4 && variant.first?.isNumber == true))
        }
    }
}
