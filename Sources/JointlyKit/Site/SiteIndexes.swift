import Foundation

// The pages that gather across statements: the front page, the feed, one page per
// organisation and one per demand key. They are in the site's language (English).

extension SiteContext {
    /// The first and latest publication days of a statement, or its date before any edition.
    func publicationDays(_ data: StatementData) -> (first: String, latest: String) {
        let first = data.publications.first?.publishedOn ?? data.statement.publishedAt.map { String($0.prefix(10)) } ?? data.statement.date
        let latest = data.publications.last?.publishedOn ?? first
        return (first, latest)
    }

    // MARK: - Front page and feed

    func writeIndex() throws {
        let items = statements.map { data -> SiteStatementItem in
            let named = data.signatures.filter { !$0.unnamed }
            let countries = Set(named.compactMap(\.country)).count
            let editionsLine = StatementPageBuilder(data: data, language: data.statement.language, strings: english, site: nil).editionsLine()
            let languages = data.languages.map { language in
                LanguageLink(language: language, name: strings(language).text("language-name"),
                             href: link(to: folder(data, language: language), from: ""), isCurrent: false)
            }
            return SiteStatementItem(
                href: link(to: folder(data, language: data.statement.language), from: ""),
                title: data.current.title, date: english.date(data.statement.date), dateISO: data.statement.date,
                issuer: data.statement.issuer, editionsLine: editionsLine, hasEditions: !editionsLine.isEmpty,
                countLine: english.countLine(organisations: named.count, countries: countries)
                    + (data.signatures.count > named.count ? ", " + english.unnamedLine(count: data.signatures.count - named.count) : ""),
                languages: languages, hasLanguages: languages.count > 1)
        }
        let page = SiteIndexPage(common: SitePageCommon(strings: english, root: ""), statements: items)
        try write(try renderer.render(page, template: "index.html"), to: "index.html")
    }

    func writeFeed() throws {
        let entries = statements.map { data -> FeedEntry in
            let days = publicationDays(data)
            let path = folder(data, language: data.statement.language)
            let named = data.signatures.filter { !$0.unnamed }.count
            return FeedEntry(
                title: data.current.title,
                id: baseURL.map { $0 + path } ?? "urn:jointly:statement:\(data.statement.slug)",
                updated: days.latest + "T00:00:00Z", published: days.first + "T00:00:00Z",
                issuer: data.statement.issuer, href: path,
                summary: english.countLine(organisations: named, countries: Set(data.signatures.filter { !$0.unnamed }.compactMap(\.country)).count))
        }
        let updated = entries.map(\.updated).max() ?? "1970-01-01T00:00:00Z"
        let feed = FeedView(
            title: english.text("site-title"), id: baseURL ?? "urn:jointly:site", updated: updated,
            baseURL: baseURL ?? "", hasBaseURL: baseURL != nil, selfHref: "feed.xml", homeHref: "index.html",
            generator: "Jointly \(Jointly.version)", entries: entries)
        try write(try renderer.render(feed, template: "feed.xml"), to: "feed.xml")
    }

    // MARK: - Organisations

    /// One organisation's named, verified signature on one public statement.
    struct Signing {
        var statement: Int
        var signature: Int
    }

    func writeOrganisations() throws {
        var signings: [Int64: [Signing]] = [:]
        for (statementIndex, data) in statements.enumerated() {
            for (signatureIndex, signature) in data.signatures.enumerated() where !signature.unnamed {
                signings[signature.organisationId, default: []].append(Signing(statement: statementIndex, signature: signatureIndex))
            }
        }
        let ids = signings.keys.sorted()
        try inParallel(ids.count) { index in
            try writeOrganisation(id: ids[index], signings: signings[ids[index]] ?? [])
        }
    }

    func writeOrganisation(id: Int64, signings: [Signing]) throws {
        guard let path = organisationPaths[id], let first = signings.first else { return }
        let organisation = statements[first.statement].signatures[first.signature]
        var statementItems: [SignedStatementItem] = []
        var sections: [EndorsedDemandSection] = []
        var sectionIndex: [String: Int] = [:]
        for signing in signings {
            let data = statements[signing.statement]
            let signature = data.signatures[signing.signature]
            let statementPath = folder(data, language: data.statement.language)
            let joined = data.firstPublished.map { signature.signedAt > $0 } == true
                ? english.text("joined", ["date": english.date(signature.signedAt)]) : ""
            statementItems.append(SignedStatementItem(
                href: link(to: statementPath, from: "organisations/"), title: data.current.title,
                date: english.date(data.statement.date), dateISO: data.statement.date,
                joinedLine: joined, hasJoined: !joined.isEmpty))
            let texts = data.demandTexts[data.current.id ?? 0] ?? [:]
            for (demandIndex, demand) in data.demands.enumerated() where signature.endorsed.contains(demandIndex) {
                guard let text = texts[demand.id] else { continue }
                let item = EndorsedDemandItem(
                    key: demand.key, text: text, href: link(to: "demands/\(demand.key).html", from: "organisations/"),
                    statementTitle: data.current.title, statementHref: link(to: statementPath, from: "organisations/"))
                if let index = sectionIndex[demand.addresseeKey] {
                    sections[index].demands.append(item)
                } else {
                    sectionIndex[demand.addresseeKey] = sections.count
                    sections.append(EndorsedDemandSection(
                        heading: english.text("to-addressee", ["name": demand.addresseeName]), demands: [item]))
                }
            }
        }
        let page = OrganisationPage(
            common: SitePageCommon(strings: english, root: "../"),
            name: organisation.name, shortName: organisation.shortName ?? "", hasShortName: organisation.shortName != nil,
            countryName: organisation.country.map(english.countryName) ?? "", hasCountry: organisation.country != nil,
            website: organisation.website ?? "", hasWebsite: organisation.website != nil,
            kindName: english.kind(organisation.kind ?? "other"),
            statements: statementItems, addressees: sections, hasDemands: !sections.isEmpty)
        try write(try renderer.render(page, template: "organisation.html"), to: path)
    }

    // MARK: - Demands

    func writeDemands() throws {
        var keys: [String] = []
        var making: [String: [(statement: Int, demand: Int)]] = [:]
        for (statementIndex, data) in statements.enumerated() {
            for (demandIndex, demand) in data.demands.enumerated() where data.demandTexts[data.current.id ?? 0]?[demand.id] != nil {
                if making[demand.key] == nil { keys.append(demand.key) }
                making[demand.key, default: []].append((statementIndex, demandIndex))
            }
        }
        let collation = Collation(language: SiteBuilder.siteLanguage)
        for key in keys.sorted() {
            var statementItems: [DemandStatementItem] = []
            var endorsers: [Int64: PublicSignature] = [:]
            var title = key
            for (statementIndex, demandIndex) in making[key] ?? [] {
                let data = statements[statementIndex]
                let demand = data.demands[demandIndex]
                let text = data.demandTexts[data.current.id ?? 0]?[demand.id] ?? ""
                if statementItems.isEmpty { title = text }
                statementItems.append(DemandStatementItem(
                    href: link(to: folder(data, language: data.statement.language), from: "demands/"),
                    title: data.current.title, date: english.date(data.statement.date), dateISO: data.statement.date,
                    heading: english.text("to-addressee", ["name": demand.addresseeName]), text: text))
                for signature in data.signatures where !signature.unnamed && signature.endorsed.contains(demandIndex) {
                    if endorsers[signature.organisationId] == nil { endorsers[signature.organisationId] = signature }
                }
            }
            let sorted = collation.sorted(Array(endorsers.values), by: \.sortName)
            let organisations = sorted.map { signature in
                EndorserItem(
                    name: signature.name,
                    href: organisationPaths[signature.organisationId].map { link(to: $0, from: "demands/") } ?? "",
                    countryName: signature.country.map(english.countryName) ?? "", hasCountry: signature.country != nil)
            }
            let page = DemandPage(
                common: SitePageCommon(strings: english, root: "../"), key: key, title: title,
                statements: statementItems, organisations: organisations, hasOrganisations: !organisations.isEmpty,
                countLine: english.countLine(organisations: sorted.count, countries: Set(sorted.compactMap(\.country)).count))
            try write(try renderer.render(page, template: "demand.html"), to: "demands/\(key).html")
        }
    }
}
