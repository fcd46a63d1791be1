/// The names Jointly's view models give templates, to check a template's tags when it is
/// loaded.
///
/// A name that no value answers renders as nothing (Mustache's rule), so a misspelt
/// `{{titel}}` or `{{#hasWebiste}}` would leave a blank on the published page without a
/// word. Every tag that reads a value must name one of these (`{{t.…}}`, the page's
/// strings, excepted: a coalition may add its own to `i18n/*.yml`, so those are checked
/// against the strings once they are read, by `TemplateSet.checkStrings`). The list is the union
/// of what every `child(named:)` answers; `RenderingTemplatesTests` reads the view models'
/// sources and keeps the two equal.
enum TemplateNames {
    static let known: Set<String> = [
        "addressees", "baseURL", "bodyHTML", "bodyMarkdown", "capacityLine", "countLine", "country", "countryName", "date",
        "dateISO", "demands", "downloadsRoot", "editionsLine", "entries", "generator", "generatorLine",
        "groups", "hasBaseURL", "hasCountry", "hasDemands", "hasEditions", "hasHeading", "hasJoined",
        "hasLanguages", "hasOrganisations", "hasPDF", "hasPage", "hasPerson", "hasShortName", "hasSignatories",
        "hasTitle", "hasUnnamed", "hasWebsite", "heading", "homeHref", "href", "id", "isCurrent", "isLagging",
        "isPreview", "isSite", "issuer", "joinedLine", "key", "kind", "kindName", "lagNotice", "language",
        "languages", "name", "onBehalf", "organisations", "person", "previewLine", "published", "root",
        "selfHref", "shortName", "signatories", "signedAt", "signedEarlierVersion", "signedVersionLine",
        "slug", "statementHref", "statementTitle", "statements", "status", "summary", "t", "text", "title",
        "unnamedCount", "unnamedLine", "updated", "version", "versionLine", "website"
    ]

    /// The tags whose content names a value: variables and sections.
    static let valueSigils: Set<Character?> = [nil, "#", "^", "{", "&"]

    /// What swift-mustache answers with no name about a list's row: `{{^last()}}, {{/last()}}`.
    static let listPositions: Set<String> = ["first", "last", "index", "even", "odd"]

    /// The name a value tag reads once its transforms are taken off (`lowercased(issuer)`
    /// reads `issuer`, `plusone(index())` a list position); nil for a list position.
    /// An empty call that is no list position (`nope()`) is returned whole, to be refused.
    static func readName(_ content: String) -> String? {
        var name = content
        while name.hasSuffix(")"), let open = name.firstIndex(of: "(") {
            let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            if inner.isEmpty { return listPositions.contains(String(name[..<open])) ? nil : name }
            name = inner
        }
        return name
    }

    /// Why the value tag `{{content}}` (its sigil removed) can name nothing, or nil.
    static func problem(_ content: String) -> String? {
        guard var name = readName(content), name != "." else { return nil }
        if name.hasPrefix(".") { name.removeFirst() }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "t" { return nil }
        guard let unknown = parts.first(where: { !known.contains($0) }) else { return nil }
        let suggestion = closest(to: unknown, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        return "'\(unknown)' is not a value Jointly gives templates\(suggestion), so it would render as nothing; fix the name, or remove the tag"
    }

    /// The one of `names` nearest `name`, when it is at most two edits away.
    static func closest(to name: String, in names: some Collection<String>) -> String? {
        let candidates = names.map { (name: $0, distance: editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.distance <= 2 }
        return candidates.min { ($0.distance, $0.name) < ($1.distance, $1.name) }?.name
    }

    /// Levenshtein distance between `a` and `b`, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1]
            for j in b.indices {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
