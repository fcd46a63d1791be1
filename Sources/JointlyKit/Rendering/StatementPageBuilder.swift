import GRDB

extension AppDatabase {
    /// The view model of statement `slug` as it would be published, in any state.
    ///
    /// Only verified signatures appear; unnamed ones are counted, never named, and their
    /// countries are not counted either, so the count line cannot hint at them.
    /// `language` picks a translation; by default the authoritative text.
    public func statementPage(slug: String, language: String? = nil) throws -> StatementPage {
        try read { db in
            let statement = try Statement.require(db, slug: slug)
            let statementId = try statement.requireId()
            let pageLanguage = language ?? statement.language
            guard let version = try StatementVersion
                .filter(StatementVersion.Columns.statementId == statementId && StatementVersion.Columns.language == pageLanguage)
                .order(StatementVersion.Columns.number.desc)
                .fetchOne(db)
            else {
                let languages = try String.fetchAll(db, sql: "SELECT DISTINCT language FROM statementVersion WHERE statementId = ? ORDER BY language", arguments: [statementId])
                throw JointlyError.invalidValue(
                    field: "lang", value: pageLanguage,
                    reason: "'\(slug)' has no text in that language; it has: \(languages.joined(separator: ", "))")
            }
            let authoritative = try StatementVersion.current(db, statementId: statementId)
            let sections = try addresseeSections(db, statementId: statementId, versionId: try version.requireId())
            let verified = try SignatoryEntry.fetch(db, statementId: statementId).filter { $0.status == .verified }
            let named = Collation(language: pageLanguage).sorted(verified.filter { !$0.unnamed }, by: \.sortName)
            let unnamedCount = verified.count - named.count
            let countries = Set(named.compactMap(\.country)).count
            return StatementPage(
                language: pageLanguage,
                slug: statement.slug,
                title: version.title,
                date: Day.english(statement.date),
                dateISO: statement.date,
                issuer: statement.issuer,
                status: statement.status.rawValue,
                isPreview: !statement.status.isPublic,
                bodyMarkdown: version.body,
                bodyHTML: MarkdownHTML.render(version.body),
                version: version.translatesVersion ?? authoritative?.number ?? version.number,
                addressees: sections,
                signatories: named.map(SignatoryRow.init),
                hasSignatories: !named.isEmpty,
                unnamedCount: unnamedCount,
                hasUnnamed: unnamedCount > 0,
                unnamedLine: StatementPage.unnamedLine(count: unnamedCount),
                countLine: StatementPage.countLine(organisations: named.count, countries: countries),
                generator: "Jointly \(Jointly.version)")
        }
    }

    private func addresseeSections(_ db: Database, statementId: Int64, versionId: Int64) throws -> [AddresseeSection] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.key, t.text, a.key AS addresseeKey, a.name AS addressee, a.kind
            FROM demand d
            JOIN demandText t ON t.demandId = d.id AND t.versionId = ?
            JOIN addressee a ON a.id = d.addresseeId
            WHERE d.statementId = ?
            ORDER BY d.position
            """, arguments: [versionId, statementId])
        var sections: [AddresseeSection] = []
        for row in rows {
            let key: String = row["addresseeKey"]
            let demand = DemandItem(key: row["key"], text: row["text"])
            if let index = sections.firstIndex(where: { $0.key == key }) {
                sections[index].demands.append(demand)
            } else {
                sections.append(AddresseeSection(key: key, name: row["addressee"], kind: row["kind"], demands: [demand]))
            }
        }
        return sections
    }
}

extension SignatoryRow {
    /// A published signatory: every optional detail as text plus a `has…` flag.
    init(_ entry: SignatoryEntry) {
        self.init(
            name: entry.organisation,
            shortName: entry.shortName ?? "", hasShortName: entry.shortName != nil,
            country: entry.country ?? "", countryName: entry.country.flatMap(Countries.name(ofCode:)) ?? "",
            hasCountry: entry.country != nil,
            website: entry.website ?? "", hasWebsite: entry.website != nil,
            kind: entry.kind ?? "",
            person: entry.person ?? "", title: entry.title ?? "",
            hasPerson: entry.person != nil, hasTitle: entry.title != nil,
            signedAt: entry.signedAt)
    }
}
