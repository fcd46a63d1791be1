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
        let catalog = try catalog ?? StringCatalog.defaults
        return try read { db in
            let data = try StatementData.load(db, statement: try Statement.require(db, slug: slug))
            let builder = try StatementPageBuilder(data: data, language: language, catalog: catalog)
            let order = builder.order
            let outline = try order.outline(db)
            return builder.page(outline: outline, rows: try order.rows(db)(outline.named))
        }
    }
}

/// How a statement page links into the built site; `jointly render` has none.
struct SiteLinks {
    /// The way from the page to the site root: "../" or "../../".
    var root: String
    /// The way from the page to its statement's folder: "" or "../".
    var downloadsRoot: String
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

    /// The order the page lists its signatories in.
    var order: SignatoryOrder {
        SignatoryOrder(statementId: data.statement.id ?? 0, language: language, groupBy: data.statement.groupBy, strings: strings)
    }

    /// The page, its signatories counted and grouped by `outline`: `rows` in memory when
    /// given (all of them, in order), else windows of the sorted list that a
    /// `StreamedFile` reads while it writes the page.
    func page(outline: SignatoryOrder.Outline, rows signatures: [PublicSignature]? = nil) -> StatementPage {
        let statement = data.statement
        let edition = data.edition(language: language) ?? data.current
        let isPublic = statement.isPublic
        let rows = signatures.map(self.rows)
        var groups: [SignatoryGroup] = []
        var start = 0
        for group in outline.groups {
            let window = start..<(start + group.count)
            let list = rows.map { SignatoryList(Array($0[window])) } ?? SignatoryList(streaming: window)
            groups.append(SignatoryGroup(heading: group.heading, signatories: list))
            start += group.count
        }
        let isTranslation = edition.language != statement.language
        let translated = edition.translatesVersion ?? edition.number
        let versionLine = isTranslation
            ? strings.text("translation-version", ["number": String(translated)])
            : strings.text("current-version", ["number": String(data.current.number)])
        let lagNotice = isTranslation && translated < data.current.number
            ? strings.text("lag-notice", ["number": String(translated), "current": String(data.current.number)])
            : ""
        var page = StatementPage(
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
            addressees: sections(versionId: edition.id ?? 0, language: edition.language),
            signatories: rows ?? [],
            hasSignatories: outline.named > 0,
            unnamedCount: outline.unnamed,
            hasUnnamed: outline.unnamed > 0,
            unnamedLine: strings.unnamedLine(count: outline.unnamed),
            countLine: strings.countLine(organisations: outline.named, countries: outline.countries),
            generator: "Jointly \(Jointly.version)",
            strings: strings,
            groups: groups,
            editionsLine: isPublic ? editionsLine() : "",
            versionLine: versionLine,
            lagNotice: lagNotice,
            isSite: site != nil,
            root: site?.root ?? "",
            languages: site?.languages ?? [],
            downloadsRoot: site?.downloadsRoot ?? "",
            hasPDF: site?.hasPDF ?? false)
        if rows == nil { page.signatories = SignatoryList(streaming: 0..<outline.named) }
        return page
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

    /// The demands of version `versionId` grouped by addressee, each addressee under the
    /// name `language`'s translation gives it (the original's name when it gives none).
    func sections(versionId: Int64, language: String) -> [AddresseeSection] {
        let texts = data.demandTexts[versionId] ?? [:]
        let names = data.addresseeNames[language] ?? [:]
        var sections: [AddresseeSection] = []
        for demand in data.demands {
            guard let text = texts[demand.id] else { continue }
            let item = DemandItem(key: demand.key, text: text, href: site.map { "\($0.root)demands/\(demand.key).html" } ?? "")
            if let index = sections.firstIndex(where: { $0.key == demand.addresseeKey }) {
                sections[index].demands.append(item)
            } else {
                let name = names[demand.addresseeKey] ?? demand.addresseeName
                sections.append(AddresseeSection(
                    key: demand.addresseeKey, name: name, kind: demand.addresseeKind, demands: [item],
                    heading: strings.text("to-addressee", ["name": name])))
            }
        }
        return sections
    }

    /// Lines that repeat across rows ("joined 16 May 2018", country names), made once each.
    struct RowLines {
        var joined: [String: String] = [:]
        var versions: [Int: String] = [:]
        var countries: [String: String] = [:]
        var affiliationOnly: String?
    }

    /// The rows of `signatures`, in their order.
    func rows(_ signatures: some Collection<PublicSignature>) -> [SignatoryRow] {
        var lines = RowLines()
        return signatures.map { row($0, lines: &lines) }
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
        var capacity = ""
        if !signature.onBehalf {
            capacity = lines.affiliationOnly ?? strings.text("affiliation-only", [:])
            lines.affiliationOnly = capacity
        }
        let href = site.flatMap { site in signature.page.map { site.root + SiteOrganisations.path($0) } } ?? ""
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
            onBehalf: signature.onBehalf, capacityLine: capacity)
    }
}

extension StatementPageBuilder {
    /// The builder of the page of `data` in `language` (by default the authoritative one),
    /// with the words of `catalog`, for `jointly render`.
    init(data: StatementData, language: String?, catalog: StringCatalog) throws {
        let pageLanguage = language ?? data.statement.language
        guard data.edition(language: pageLanguage) != nil else {
            throw JointlyError.invalidValue(
                field: "lang", value: pageLanguage,
                reason: "'\(data.statement.slug)' has no text in that language; it has: \(data.languages.sorted().joined(separator: ", "))")
        }
        self.init(data: data, language: pageLanguage, strings: catalog.strings(for: pageLanguage) ?? catalog.english, site: nil)
    }
}
