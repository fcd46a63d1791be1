import Foundation
import GRDB

extension AppDatabase {
    /// The view model of statement `slug` as it would be published, in any state.
    ///
    /// Only verified signatures appear; unnamed ones are counted, never named, and their
    /// countries are not counted either, so the count line cannot hint at them.
    /// `language` picks a translation; by default the authoritative text. `strings` gives
    /// the page's words; by default the compiled ones for its language, else English.
    public func statementPage(slug: String, language: String? = nil, strings catalog: StringCatalog? = nil) throws -> StatementPage {
        let data = try read { db in
            try StatementData.load(db, statement: try Statement.require(db, slug: slug), endorsements: false)
        }
        let pageLanguage = language ?? data.statement.language
        guard data.edition(language: pageLanguage) != nil else {
            throw JointlyError.invalidValue(
                field: "lang", value: pageLanguage,
                reason: "'\(slug)' has no text in that language; it has: \(data.languages.sorted().joined(separator: ", "))")
        }
        let catalog = try catalog ?? StringCatalog.defaults
        let strings = catalog.strings(for: pageLanguage) ?? catalog.english
        return StatementPageBuilder(data: data, language: pageLanguage, strings: strings, site: nil).page()
    }
}

/// How a statement page links into the built site; `jointly render` has none.
struct SiteLinks {
    /// The way from the page to the site root: "../" or "../../".
    var root: String
    /// The way from the page to its statement's folder: "" or "../".
    var downloadsRoot: String
    /// Each organisation's page, relative to the site root ("organisations/article-19.html").
    var organisationPaths: [Int64: String]
    /// The language editions, for the menu and `hreflang`.
    var languages: [LanguageLink]
    /// Whether the site has the PDF edition.
    var hasPDF: Bool
}

/// Turns a statement's data into the view model of one language edition.
struct StatementPageBuilder {
    let data: StatementData
    let language: String
    let strings: SiteStrings
    let site: SiteLinks?

    /// The page; `sorted` passes the named signatures already sorted for `language`.
    func page(sorted: [PublicSignature]? = nil) -> StatementPage {
        let statement = data.statement
        let edition = data.edition(language: language) ?? data.current
        let isPublic = statement.status.isPublic
        let named = sorted ?? Self.sorted(data.signatures.filter { !$0.unnamed }, language: language)
        let unnamedCount = data.signatures.count - named.count
        let countries = Set(named.compactMap(\.country)).count
        var lines = RowLines()
        let rows = named.map { row($0, lines: &lines) }
        let isTranslation = edition.language != statement.language
        let translated = edition.translatesVersion ?? edition.number
        let versionLine = isTranslation
            ? strings.text("translation-version", ["number": String(translated)])
            : strings.text("current-version", ["number": String(data.current.number)])
        let lagNotice = isTranslation && translated < data.current.number
            ? strings.text("lag-notice", ["number": String(translated), "current": String(data.current.number)])
            : ""
        return StatementPage(
            language: language,
            slug: statement.slug,
            title: edition.title,
            date: strings.date(statement.date),
            dateISO: statement.date,
            issuer: statement.issuer,
            status: statement.status.rawValue,
            isPreview: !isPublic,
            bodyMarkdown: edition.body,
            bodyHTML: MarkdownHTML.render(edition.body),
            version: isTranslation ? translated : data.current.number,
            addressees: sections(versionId: edition.id ?? 0),
            signatories: rows,
            hasSignatories: !rows.isEmpty,
            unnamedCount: unnamedCount,
            hasUnnamed: unnamedCount > 0,
            unnamedLine: strings.unnamedLine(count: unnamedCount),
            countLine: strings.countLine(organisations: named.count, countries: countries),
            generator: "Jointly \(Jointly.version)",
            strings: strings,
            groups: groups(rows, named: named),
            editionsLine: isPublic ? editionsLine() : "",
            versionLine: versionLine,
            lagNotice: lagNotice,
            isSite: site != nil,
            root: site?.root ?? "",
            languages: site?.languages ?? [],
            downloadsRoot: site?.downloadsRoot ?? "",
            hasPDF: site?.hasPDF ?? false)
    }

    /// "First published 30 April 2018; updated 16 May 2018", or "Published …" for one edition.
    func editionsLine() -> String {
        guard let first = data.publications.first, let latest = data.publications.last else {
            if let published = data.statement.publishedAt, published.count >= 10 {
                return strings.text("published", ["date": strings.date(String(published.prefix(10)))])
            }
            return ""
        }
        if first.publishedOn == latest.publishedOn {
            return strings.text("published", ["date": strings.date(first.publishedOn)])
        }
        return strings.text("published-updated", ["first": strings.date(first.publishedOn), "latest": strings.date(latest.publishedOn)])
    }

    func sections(versionId: Int64) -> [AddresseeSection] {
        let texts = data.demandTexts[versionId] ?? [:]
        var sections: [AddresseeSection] = []
        for demand in data.demands {
            guard let text = texts[demand.id] else { continue }
            let item = DemandItem(key: demand.key, text: text, href: site.map { "\($0.root)demands/\(demand.key).html" } ?? "")
            if let index = sections.firstIndex(where: { $0.key == demand.addresseeKey }) {
                sections[index].demands.append(item)
            } else {
                sections.append(AddresseeSection(
                    key: demand.addresseeKey, name: demand.addresseeName, kind: demand.addresseeKind, demands: [item],
                    heading: strings.text("to-addressee", ["name": demand.addresseeName])))
            }
        }
        return sections
    }

    /// `signatures` sorted by sort name for `language`, the keys computed once each, on both cores.
    static func sorted(_ signatures: [PublicSignature], language: String) -> [PublicSignature] {
        let collation = Collation(language: language)
        let count = signatures.count
        var keys = [SortKey?](repeating: nil, count: count)
        let half = (count + 1) / 2
        keys.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: count > 2_000 ? 2 : 1) { part in
                let range = count > 2_000 ? (part == 0 ? 0..<half : half..<count) : 0..<count
                for index in range { buffer[index] = collation.key(signatures[index].sortName) }
            }
        }
        let order = keys.indices.sorted { left, right in
            guard let a = keys[left], let b = keys[right] else { return left < right }
            return a < b
        }
        return order.map { signatures[$0] }
    }

    /// Lines that repeat across rows ("joined 16 May 2018", country names), made once each.
    struct RowLines {
        var joined: [String: String] = [:]
        var versions: [Int: String] = [:]
        var countries: [String: String] = [:]
    }

    func row(_ signature: PublicSignature) -> SignatoryRow {
        var lines = RowLines()
        return row(signature, lines: &lines)
    }

    func row(_ signature: PublicSignature, lines: inout RowLines) -> SignatoryRow {
        var joined = ""
        if let first = data.firstPublished, signature.signedAt > first {
            if let known = lines.joined[signature.signedAt] {
                joined = known
            } else {
                joined = strings.text("joined", ["date": strings.date(signature.signedAt)])
                lines.joined[signature.signedAt] = joined
            }
        }
        var earlier = ""
        if signature.version < data.current.number {
            if let known = lines.versions[signature.version] {
                earlier = known
            } else {
                earlier = strings.text("signed-version", ["number": String(signature.version)])
                lines.versions[signature.version] = earlier
            }
        }
        var countryName = ""
        if let country = signature.country {
            if let known = lines.countries[country] {
                countryName = known
            } else {
                countryName = strings.countryName(country)
                lines.countries[country] = countryName
            }
        }
        let href = site.flatMap { site in site.organisationPaths[signature.organisationId].map { site.root + $0 } } ?? ""
        return SignatoryRow(
            name: signature.name,
            shortName: signature.shortName ?? "", hasShortName: signature.shortName != nil,
            country: signature.country ?? "", countryName: countryName,
            hasCountry: signature.country != nil,
            website: signature.website ?? "", hasWebsite: signature.website != nil,
            kind: signature.kind ?? "",
            person: signature.person ?? "", title: signature.title ?? "",
            hasPerson: signature.person != nil, hasTitle: signature.title != nil,
            signedAt: signature.signedAt, joinedLine: joined, signedVersionLine: earlier, href: href,
            onBehalf: signature.onBehalf)
    }

    /// The rows under the headings `group-by` asks for; each group keeps the rows' order.
    func groups(_ rows: [SignatoryRow], named: [PublicSignature]) -> [SignatoryGroup] {
        switch data.statement.groupBy {
        case .none:
            return [SignatoryGroup(heading: "", signatories: rows)]
        case .kind:
            var byKind: [String: [SignatoryRow]] = [:]
            for row in rows {
                let kind = OrganisationKind(rawValue: row.kind)?.rawValue ?? OrganisationKind.other.rawValue
                byKind[kind, default: []].append(row)
            }
            return OrganisationKind.allCases.compactMap { kind in
                byKind[kind.rawValue].map { SignatoryGroup(heading: strings.kind(kind.rawValue), signatories: $0) }
            }
        case .country:
            var byCountry: [String: [SignatoryRow]] = [:]
            for row in rows { byCountry[row.country, default: []].append(row) }
            let known = byCountry.keys.filter { !$0.isEmpty }.map { (code: $0, name: strings.countryName($0)) }
            var groups = Collation(language: language).sorted(known, by: \.name).map { country in
                SignatoryGroup(heading: country.name, signatories: byCountry[country.code] ?? [])
            }
            if let unknown = byCountry[""] {
                groups.append(SignatoryGroup(heading: strings.text("no-country"), signatories: unknown))
            }
            return groups
        }
    }
}
