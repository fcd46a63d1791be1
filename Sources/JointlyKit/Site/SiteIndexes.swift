import Foundation
import GRDB

// The pages that gather across statements: the front page, the feed, one page per
// organisation and one per demand key. They are in the site's language (`build
// --language`, English by default), and show each statement in that language when it has
// a text in it.

/// A statement as the cross-statement pages show it: its text in the site's language when
/// it has one, else its authoritative text.
struct SiteEdition {
    let data: StatementData
    let version: StatementVersion
    /// Its page's folder from the site root.
    let folder: String

    var title: String { version.title }

    /// A demand's wording in this text, or the authoritative one's when this text (a
    /// translation of an older version) lacks it.
    func text(of demand: DemandInfo) -> String? {
        data.demandTexts[version.id ?? 0]?[demand.id] ?? data.demandTexts[data.current.id ?? 0]?[demand.id]
    }

    /// What this text calls a demand's addressee.
    func addresseeName(of demand: DemandInfo) -> String {
        data.addresseeNames[version.language]?[demand.addresseeKey] ?? demand.addresseeName
    }
}

extension SiteContext {
    /// `data` as the cross-statement pages show it.
    func siteEdition(_ data: StatementData) -> SiteEdition {
        let version = data.edition(language: siteStrings.language) ?? data.current
        return SiteEdition(data: data, version: version, folder: folder(data, language: version.language))
    }

    /// The first and latest publication days of a statement, or its date before any edition.
    func publicationDays(_ data: StatementData) -> (first: String, latest: String) {
        let first = data.publications.first?.publishedOn ?? data.statement.publishedAt.map { String($0.prefix(10)) } ?? data.statement.date
        let latest = data.publications.last?.publishedOn ?? first
        return (first, latest)
    }

    // MARK: - Front page and feed

    func writeIndex() throws {
        let items = statements.map { data -> SiteStatementItem in
            let counts = counts(data)
            let editionsLine = StatementPageBuilder(data: data, language: data.statement.language, strings: siteStrings, site: nil).editionsLine()
            let languages = data.languages.map { language in
                LanguageLink(language: language, name: strings(language).text("language-name"),
                             href: link(to: folder(data, language: language), from: ""), isCurrent: false)
            }
            let edition = siteEdition(data)
            return SiteStatementItem(
                href: link(to: edition.folder, from: ""),
                title: edition.title, date: siteStrings.date(data.statement.date), dateISO: data.statement.date,
                issuer: data.statement.issuer, editionsLine: editionsLine, hasEditions: !editionsLine.isEmpty,
                countLine: countLine(counts),
                languages: languages, hasLanguages: languages.count > 1)
        }
        let page = SiteIndexPage(common: SitePageCommon(strings: siteStrings, root: ""), statements: items)
        try write(try renderer.render(page, template: "index.html"), to: "index.html")
    }

    /// "15 organisations from 5 countries, and 2 organisations that cannot be named…": the
    /// front page's and the feed's, so neither understates the list.
    private func countLine(_ counts: SignatoryOrder.Outline) -> String {
        siteStrings.countLine(organisations: counts.named, countries: counts.countries)
            + (counts.unnamed > 0 ? ", " + siteStrings.unnamedLine(count: counts.unnamed) : "")
    }

    func writeFeed() throws {
        let entries = statements.map { data -> FeedEntry in
            let days = publicationDays(data)
            let edition = siteEdition(data)
            let path = edition.folder
            let counts = counts(data)
            return FeedEntry(
                title: edition.title,
                id: baseURL.map { $0 + path } ?? "urn:jointly:statement:\(data.statement.slug)",
                updated: days.latest + "T00:00:00Z", published: days.first + "T00:00:00Z",
                issuer: data.statement.issuer, href: path,
                summary: countLine(counts))
        }
        let updated = entries.map(\.updated).max() ?? "1970-01-01T00:00:00Z"
        let feed = FeedView(
            title: siteStrings.text("site-title"), id: baseURL ?? "urn:jointly:site", updated: updated,
            baseURL: baseURL ?? "", hasBaseURL: baseURL != nil, selfHref: "feed.xml", homeHref: "index.html",
            generator: "Jointly \(Jointly.version)", entries: entries)
        try write(try renderer.render(feed, template: "feed.xml"), to: "feed.xml")
    }

    // MARK: - Organisations

    /// One organisation's named, verified signature on one public statement.
    struct Signing {
        var statement: Int
        var signedAt: String
        var endorsed: DemandSet
        /// False when a person signed in their own name, the organisation their affiliation.
        var onBehalf: Bool
    }

    /// An organisation named on the site, with what it signed.
    struct Signer {
        var slug: String
        var organisation: PublicSignature
        var signings: [Signing] = []
    }

    /// Organisations whose pages are rendered and written together on both cores.
    static let organisationBatch = 512

    /// Writes every organisation's page, reading the signatures once in organisation
    /// order and writing the pages a batch at a time.
    func writeOrganisations(_ db: Database) throws {
        var statementIndex: [Int64: Int] = [:]
        var demandIndex: [Int64: Int] = [:]
        for (index, data) in statements.enumerated() {
            statementIndex[data.statement.id ?? 0] = index
            for (position, demand) in data.demands.enumerated() { demandIndex[demand.id] = position }
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT g.organisationId, p.slug, o.name, o.sortName, o.shortName, o.country, o.website, o.kind,
                   g.statementId, g.signedAt,
                   (SELECT group_concat(e.demandId) FROM endorsement e WHERE e.signatureId = g.id), g.onBehalf
            FROM signature g JOIN temp.\(SiteOrganisations.table) p ON p.organisationId = g.organisationId
            JOIN organisation o ON o.id = g.organisationId
            WHERE \(SiteOrganisations.namedOnSite)
            ORDER BY g.organisationId
            """)
        var batch: [Signer] = []
        var current: Int64?
        func flush() throws {
            let signers = batch
            try inParallel(signers.count) { index in try writeOrganisation(signers[index]) }
            batch.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != current {
                if batch.count >= Self.organisationBatch { try flush() }
                current = id
                batch.append(Signer(slug: row[1], organisation: PublicSignature(
                    organisationId: id, name: row[2], sortName: row[3], shortName: row[4], country: row[5],
                    website: row[6], kind: row[7], person: nil, title: nil, signedAt: "", version: 0,
                    onBehalf: true, endorsed: DemandSet())))
            }
            guard let statement = statementIndex[row[8]] else { continue }
            var endorsed = DemandSet()
            if let ids: String = row[10] {
                for id in ids.split(separator: ",") {
                    if let id = Int64(id), let index = demandIndex[id] { endorsed.insert(index) }
                }
            }
            batch[batch.count - 1].signings.append(Signing(statement: statement, signedAt: row[9], endorsed: endorsed, onBehalf: row[11]))
        }
        try flush()
    }

    func writeOrganisation(_ signer: Signer) throws {
        let organisation = signer.organisation
        var statementItems: [SignedStatementItem] = []
        var sections: [EndorsedDemandSection] = []
        var sectionIndex: [String: Int] = [:]
        for signing in signer.signings.sorted(by: { $0.statement < $1.statement }) {
            let data = statements[signing.statement]
            let edition = siteEdition(data)
            let statementPath = edition.folder
            let joined = data.firstPublished.map { signing.signedAt > $0 } == true
                ? siteStrings.text("joined", ["date": siteStrings.date(signing.signedAt)]) : ""
            statementItems.append(SignedStatementItem(
                href: link(to: statementPath, from: "organisations/"), title: edition.title,
                date: siteStrings.date(data.statement.date), dateISO: data.statement.date,
                joinedLine: joined, hasJoined: !joined.isEmpty, onBehalf: signing.onBehalf,
                capacityLine: signing.onBehalf ? "" : siteStrings.text("affiliation-only")))
            for (demandIndex, demand) in data.demands.enumerated() where signing.endorsed.contains(demandIndex) {
                guard let text = edition.text(of: demand) else { continue }
                let item = EndorsedDemandItem(
                    key: demand.key, text: text, href: link(to: "demands/\(demand.key).html", from: "organisations/"),
                    statementTitle: edition.title, statementHref: link(to: statementPath, from: "organisations/"))
                if let index = sectionIndex[demand.addresseeKey] {
                    sections[index].demands.append(item)
                } else {
                    sectionIndex[demand.addresseeKey] = sections.count
                    sections.append(EndorsedDemandSection(
                        heading: siteStrings.text("to-addressee", ["name": edition.addresseeName(of: demand)]), demands: [item]))
                }
            }
        }
        let page = OrganisationPage(
            common: SitePageCommon(strings: siteStrings, root: "../"),
            name: organisation.name, shortName: organisation.shortName ?? "", hasShortName: organisation.shortName != nil,
            countryName: organisation.country.map(siteStrings.countryName) ?? "", hasCountry: organisation.country != nil,
            website: organisation.website ?? "", hasWebsite: organisation.website != nil,
            kindName: siteStrings.kind(organisation.kind ?? "other"),
            statements: statementItems, addressees: sections, hasDemands: !sections.isEmpty)
        // Listed from the database when the build finishes (`SiteOrganisations.pages`).
        try output.write(try renderer.render(page, template: "organisation.html"), to: SiteOrganisations.path(signer.slug), listed: false)
        counted()
    }

    // MARK: - Demands

    /// Writes a page per demand key; its endorsers, across statements, are read sorted
    /// by SQLite and streamed into the page.
    func writeDemands(_ db: Database) throws {
        var keys: [String] = []
        var making: [String: [(statement: Int, demand: Int)]] = [:]
        for (statementIndex, data) in statements.enumerated() {
            for (demandIndex, demand) in data.demands.enumerated() where data.demandTexts[data.current.id ?? 0]?[demand.id] != nil {
                if making[demand.key] == nil { keys.append(demand.key) }
                making[demand.key, default: []].append((statementIndex, demandIndex))
            }
        }
        Collation.register(in: db)
        // Read once: most statements have no affiliation-only signature, and their demands'
        // pages need not ask of each endorser whether it endorses only through one.
        let withAffiliations = Set(try Int64.fetchAll(db, sql: """
            SELECT DISTINCT statementId FROM signature WHERE onBehalf = 0 AND status = 'verified' AND unnamed = 0
            """))
        for key in keys.sorted() {
            var statementItems: [DemandStatementItem] = []
            var demandIds: [Int64] = []
            var title = key
            var asksCapacity = false
            for (statementIndex, demandIndex) in making[key] ?? [] {
                let data = statements[statementIndex]
                if withAffiliations.contains(data.statement.id ?? 0) { asksCapacity = true }
                let edition = siteEdition(data)
                let demand = data.demands[demandIndex]
                let text = edition.text(of: demand) ?? ""
                if statementItems.isEmpty { title = text }
                demandIds.append(demand.id)
                statementItems.append(DemandStatementItem(
                    href: link(to: edition.folder, from: "demands/"),
                    title: edition.title, date: siteStrings.date(data.statement.date), dateISO: data.statement.date,
                    heading: siteStrings.text("to-addressee", ["name": edition.addresseeName(of: demand)]), text: text))
            }
            let endorsers = """
                FROM organisation o JOIN temp.\(SiteOrganisations.table) p ON p.organisationId = o.id
                WHERE o.id IN (SELECT g.organisationId FROM endorsement e JOIN signature g ON g.id = e.signatureId
                               WHERE e.demandId IN (\(demandIds.map { _ in "?" }.joined(separator: ",")))
                                 AND g.status = 'verified' AND g.unnamed = 0)
                """
            let counts = try Row.fetchOne(db, sql: "SELECT count(*), count(DISTINCT o.country) \(endorsers)",
                                          arguments: StatementArguments(demandIds))
            let count: Int = counts?[0] ?? 0
            let page = DemandPage(
                common: SitePageCommon(strings: siteStrings, root: "../"), key: key, title: title,
                statements: statementItems, organisations: TemplateRows(streaming: 0..<count), hasOrganisations: count > 0,
                countLine: siteStrings.countLine(organisations: count, countries: counts?[1] ?? 0))
            let path = "demands/\(key).html"
            let language = siteStrings.language
            try output.write(path) { descriptor in
                let open = {
                    // Whether any of its signatures endorsing the demand is on the organisation's behalf.
                    let capacity = !asksCapacity ? "1" : """
                        (SELECT max(g.onBehalf) FROM endorsement e JOIN signature g ON g.id = e.signatureId
                         WHERE g.organisationId = o.id AND e.demandId IN (\(demandIds.map { _ in "?" }.joined(separator: ",")))
                           AND g.status = 'verified' AND g.unnamed = 0)
                        """
                    let cursor = try Row.fetchCursor(db, sql: """
                        SELECT p.slug, o.name, o.country, \(capacity)
                        \(endorsers)
                        ORDER BY jointly_sort_key(?, o.sortName), o.id
                        """, arguments: (asksCapacity ? StatementArguments(demandIds) : []) + StatementArguments(demandIds) + [language])
                    return { (limit: Int) throws -> [Endorser] in
                        var rows: [Endorser] = []
                        while rows.count < limit, let row = try cursor.next() {
                            rows.append(Endorser(slug: row[0], name: row[1], country: row[2], onBehalf: row[3]))
                        }
                        return rows
                    }
                }
                guard let layout = try renderer.layout(page, template: "demand.html") else {
                    var all = page
                    all.organisations = TemplateRows(try open()(count).map(endorser))
                    try renderer.write(all, template: "demand.html", to: descriptor, path: path)
                    return
                }
                let file = StreamedFile(descriptor: descriptor, path: path, layout: layout) { rows in rows.map(self.endorser) }
                try StreamedFile.write([file], open: open)
            }
            counted()
        }
    }

    /// An organisation endorsing a demand, as read for its page.
    struct Endorser {
        var slug: String
        var name: String
        var country: String?
        var onBehalf: Bool
    }

    /// An endorser on a demand's page.
    func endorser(_ organisation: Endorser) -> EndorserItem {
        EndorserItem(
            name: organisation.name, href: link(to: SiteOrganisations.path(organisation.slug), from: "demands/"),
            countryName: organisation.country.map(siteStrings.countryName) ?? "", hasCountry: organisation.country != nil,
            onBehalf: organisation.onBehalf, capacityLine: organisation.onBehalf ? "" : siteStrings.text("affiliation-only"))
    }
}
