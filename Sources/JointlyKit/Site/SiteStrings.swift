import Foundation
import Mustache
import Yams

/// The words of the published pages in one language, from `templates/i18n/LANG.yml`.
///
/// Every language file has the keys of the English one, no more and no fewer: a page
/// must never fall back silently to another language's word, nor to the enclosing
/// Mustache context. Values may hold `{name}` placeholders that Jointly fills in.
public struct SiteStrings: Sendable {
    /// The BCP 47 tag these strings are for.
    public let language: String
    /// Plain strings by key (`signatories`, `to-addressee`).
    let texts: [String: String]
    /// Plural strings by key, then by plural category (`one`, `few`, `many`, `other`).
    let plurals: [String: [String: String]]
    /// The names of the months, January first, as a date shows them.
    let months: [String]
    /// Group headings by organisation kind.
    let kinds: [String: String]

    /// The compiled English strings, for pages made without a catalog.
    public static let fallbackEnglish: SiteStrings =
        (try? StringCatalog.defaults)?.english ?? SiteStrings(language: "en", texts: [:], plurals: [:], months: [], kinds: [:])

    /// The keys holding plural forms.
    static let pluralKeys = ["organisations-count", "countries-count", "unnamed-line"]

    /// `key` with `{name}` placeholders replaced by `values`.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(texts[key] ?? key, values)
    }

    /// The plural string `key` for `count`, `{count}` and the other `values` filled in.
    public func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        let forms = plurals[key] ?? [:]
        let category = PluralRule(language: language).category(count)
        let form = forms[category] ?? forms["other"] ?? forms["many"] ?? key
        var all = values
        all["count"] = String(count)
        return Self.fill(form, all)
    }

    /// `2018-04-30` as "30 April 2018" (or "30 апреля 2018 г."); other text unchanged.
    public func date(_ iso: String) -> String {
        guard Day.isValid(iso) else { return iso }
        let parts = iso.split(separator: "-")
        guard let month = Int(parts[1]), let day = Int(parts[2]), months.indices.contains(month - 1) else { return iso }
        return text("date", ["day": String(day), "month": months[month - 1], "year": String(parts[0])])
    }

    /// The heading of the group of organisations of `kind`.
    public func kind(_ kind: String) -> String {
        kinds[kind] ?? kinds["other"] ?? kind
    }

    /// "15 organisations from 5 countries".
    public func countLine(organisations: Int, countries: Int) -> String {
        text("count-line", [
            "organisations": plural("organisations-count", count: organisations),
            "countries": plural("countries-count", count: countries),
        ])
    }

    /// "and 3 organisations that cannot be named for their safety", "" for none.
    public func unnamedLine(count: Int) -> String {
        count > 0 ? plural("unnamed-line", count: count) : ""
    }

    /// The name of a country in this language: ISO's English name for English pages.
    public func countryName(_ code: String) -> String {
        if PluralRule.base(of: language) == "en" { return Countries.name(ofCode: code) ?? code }
        return Locale(identifier: language).localizedString(forRegionCode: code) ?? Countries.name(ofCode: code) ?? code
    }

    private static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = template
        for (name, value) in values {
            out = out.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return out
    }
}

/// The CLDR plural categories of the languages Jointly ships, and a default for others.
struct PluralRule {
    let base: String

    init(language: String) {
        base = Self.base(of: language)
    }

    /// The primary language subtag, lowercased: `ru` for `ru-RU`.
    static func base(of language: String) -> String {
        language.split(separator: "-").first.map { $0.lowercased() } ?? language.lowercased()
    }

    /// The categories a language file must give for this language.
    var categories: [String] {
        switch base {
        case "ru", "uk", "be": ["one", "few", "many"]
        case "ja", "zh", "ko", "vi", "th", "id": ["other"]
        default: ["one", "other"]
        }
    }

    /// The category of `count`.
    func category(_ count: Int) -> String {
        switch base {
        case "ru", "uk", "be":
            let ten = count % 10, hundred = count % 100
            if ten == 1 && hundred != 11 { return "one" }
            if (2...4).contains(ten) && !(12...14).contains(hundred) { return "few" }
            return "many"
        case "ja", "zh", "ko", "vi", "th", "id":
            return "other"
        default:
            return count == 1 ? "one" : "other"
        }
    }
}

/// The language files of a site: the compiled defaults overridden by `templates/i18n/`.
public struct StringCatalog: Sendable {
    /// Strings by language tag.
    public let languages: [String: SiteStrings]

    /// The English strings, which every catalog has.
    public var english: SiteStrings {
        languages["en"] ?? SiteStrings(language: "en", texts: [:], plurals: [:], months: [], kinds: [:])
    }

    /// The strings for `language`, or nil when no file gives them.
    public func strings(for language: String) -> SiteStrings? {
        languages[language] ?? languages[PluralRule.base(of: language)]
    }

    /// The compiled defaults (English and Russian).
    public static var defaults: StringCatalog {
        get throws { try StringCatalog(files: DefaultI18nFiles.files) }
    }

    /// The defaults overridden, file by file, by `templatesDirectory/i18n/*.yml`.
    public static func load(templatesDirectory: String?) throws -> StringCatalog {
        var files = DefaultI18nFiles.files
        var origins: [String: String] = [:]
        if let templatesDirectory {
            let folder = (templatesDirectory as NSString).appendingPathComponent("i18n")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".yml") && !name.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw JointlyError.io(path: path, reason: "cannot read the language file; check its permissions")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw JointlyError.invalidFile([Diagnostic(path: path, line: nil, message: "is not UTF-8 text; save it as UTF-8")])
                }
                files[name] = text
                origins[name] = path
            }
        }
        return try StringCatalog(files: files, origins: origins)
    }

    /// A catalog of `files` (`en.yml` → its text), each checked against `en.yml`'s keys.
    ///
    /// A project's file written by an older Jointly lacks the words a newer one added: those
    /// come from Jointly's own file of that language, so an upgrade neither prints a raw key
    /// nor stops the build. A language Jointly has no file of must have every key (the error
    /// names those it lacks), so a translator is never shown English in a page by surprise.
    public init(files: [String: String], origins: [String: String] = [:]) throws {
        guard let englishText = files["en.yml"] else {
            throw JointlyError.template(name: "i18n/en.yml", reason: "is missing; every site needs the English strings")
        }
        let builtIn = DefaultI18nFiles.files
        let builtInEnglish = origins["en.yml"] == nil ? nil
            : try builtIn["en.yml"].map { try Self.parse($0, language: "en", path: "en.yml", reference: nil) }
        let english = try Self.parse(
            englishText, language: "en", path: origins["en.yml"] ?? "templates/i18n/en.yml", reference: nil, fallback: builtInEnglish)
        var languages = ["en": english]
        var problems: [JointlyError] = []
        for name in files.keys.sorted() where name != "en.yml" {
            let language = String(name.dropLast(".yml".count))
            do {
                let own = origins[name] == nil ? nil
                    : try builtIn[name].map { try Self.parse($0, language: language, path: name, reference: nil) }
                languages[language] = try Self.parse(
                    files[name] ?? "", language: language, path: origins[name] ?? "templates/i18n/\(name)", reference: english,
                    fallback: own)
            } catch let error as JointlyError {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw JointlyError.problems(problems) }
        self.languages = languages
    }

    /// Parses one language file strictly: Yams' node API, every problem with its line.
    /// `fallback` gives the plain strings the file lacks.
    static func parse(_ yaml: String, language: String, path: String, reference: SiteStrings?, fallback: SiteStrings? = nil) throws -> SiteStrings {
        var problems: [Diagnostic] = []
        func report(_ node: Node?, _ message: String) {
            problems.append(Diagnostic(path: path, line: node?.mark.map { $0.line }, message: message))
        }
        let root: Node?
        switch FrontMatterYAML(yaml: yaml, firstLine: 1, path: path).compose() {
        case .problems(let found): throw JointlyError.invalidFile(found)
        case .root(let node): root = node
        }
        guard let root, case .mapping(let mapping) = root else {
            throw JointlyError.invalidFile([Diagnostic(path: path, line: 1, message: "a language file is a mapping of keys to strings, like en.yml")])
        }
        var texts: [String: String] = [:]
        var plurals: [String: [String: String]] = [:]
        var months: [String] = []
        var kinds: [String: String] = [:]
        let categories = PluralRule(language: language).categories
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report(keyNode, "a key must be a plain name")
                continue
            }
            let key = keyScalar.string
            switch key {
            case "months":
                guard case .sequence(let sequence) = value, sequence.count == 12 else {
                    report(value, "months must be a list of the 12 month names, January first")
                    continue
                }
                months = sequence.map { $0.scalar?.string ?? "" }
            case "kinds":
                guard case .mapping(let kindMapping) = value else {
                    report(value, "kinds must map each organisation kind (ngo, media, …) to a heading")
                    continue
                }
                for (kind, heading) in kindMapping {
                    if let kind = kind.scalar?.string, let heading = heading.scalar?.string { kinds[kind] = heading }
                }
                let missing = OrganisationKind.allCases.map(\.rawValue).filter { kinds[$0] == nil }
                if !missing.isEmpty { report(value, "kinds lacks \(missing.joined(separator: ", "))") }
            case _ where SiteStrings.pluralKeys.contains(key):
                guard case .mapping(let forms) = value else {
                    report(value, "\(key) must map plural categories (\(categories.joined(separator: ", "))) to strings")
                    continue
                }
                var byCategory: [String: String] = [:]
                for (category, form) in forms {
                    if let category = category.scalar?.string, let form = form.scalar?.string { byCategory[category] = form }
                }
                let missing = categories.filter { byCategory[$0] == nil }
                if !missing.isEmpty {
                    report(value, "\(key) lacks the plural forms \(missing.joined(separator: ", ")) that '\(language)' needs")
                }
                plurals[key] = byCategory
            default:
                guard case .scalar(let scalar) = value else {
                    report(value, "'\(key)' must be a string")
                    continue
                }
                if let reference, reference.texts[key] == nil {
                    report(keyNode, "unknown key '\(key)'; the keys are those of en.yml")
                    continue
                }
                texts[key] = scalar.string
            }
        }
        if let fallback {
            for (key, text) in fallback.texts where texts[key] == nil && (reference == nil || reference?.texts[key] != nil) {
                texts[key] = text
            }
        }
        if let reference {
            let missing = reference.texts.keys.filter { texts[$0] == nil }.sorted()
                + SiteStrings.pluralKeys.filter { plurals[$0] == nil }
                + (months.isEmpty ? ["months"] : []) + (kinds.isEmpty ? ["kinds"] : [])
            if !missing.isEmpty {
                problems.append(Diagnostic(path: path, line: nil, message: "lacks the keys \(missing.joined(separator: ", ")); copy them from en.yml and translate them"))
            }
        }
        if !problems.isEmpty { throw JointlyError.invalidFile(problems) }
        return SiteStrings(language: language, texts: texts, plurals: plurals, months: months, kinds: kinds)
    }
}

/// The plain strings of one language as a template sees them: `{{t.signatories}}`.
///
/// An unknown key renders as nothing rather than climbing the context stack.
public struct TemplateStrings: Sendable, MustacheParent {
    let strings: SiteStrings

    /// The strings of `strings`, for a template.
    public init(_ strings: SiteStrings) {
        self.strings = strings
    }

    /// The string called `name`; "" for a name that is not a key.
    public func child(named name: String) -> Any? {
        strings.texts[name] ?? ""
    }
}
