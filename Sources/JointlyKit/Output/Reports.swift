/// The lists commands print, as reports any format can show.
public enum Reports {
    /// `jointly statement list`.
    public static func statements(_ statements: [StatementSummary]) -> Report<StatementListItem> {
        Report(
            headers: ["slug", "status", "date", "version", "verified", "pending", "title"],
            rows: statements.map { [$0.slug, $0.status.rawValue, $0.date, String($0.version), String($0.verified), String($0.pending), $0.title] },
            items: statements.map(StatementListItem.init))
    }

    /// `jointly signatories SLUG`: the coordinator's view, unnamed signatories marked.
    ///
    /// With `abbreviated`, for a terminal, a signature endorsing every demand shows
    /// `all` instead of the keys; files always get the keys.
    public static func signatories(_ entries: [SignatoryEntry], abbreviated: Bool = false) -> Report<SignatoryEntry> {
        Report(
            headers: ["organisation", "short-name", "country", "kind", "person", "title", "status", "unnamed", "capacity", "signed-at", "demands"],
            rows: entries.map { entry in
                [entry.organisation, entry.shortName ?? "", entry.country ?? "", entry.kind ?? "", entry.person ?? "",
                 entry.title ?? "", entry.status.rawValue, entry.unnamed ? "unnamed" : "", entry.onBehalf ? "" : "affiliation only", entry.signedAt,
                 abbreviated && entry.endorsesAll ? "all" : entry.demands.joined(separator: ",")]
            },
            items: entries)
    }

    /// `jointly demands SLUG`: each demand with its verified endorsements.
    public static func demands(_ demands: [DemandEntry]) -> Report<DemandCount> {
        Report(
            headers: ["key", "addressee", "endorsements", "text"],
            rows: demands.map { [$0.key, $0.addressee, String($0.endorsements), $0.text] },
            items: demands.map(DemandCount.init))
    }

    /// `jointly demands --by-org`: one row per organisation and demand.
    public static func demandsByOrganisation(_ groups: [OrganisationDemands]) -> Report<OrganisationDemands> {
        Report(
            headers: ["organisation", "statement", "key", "addressee", "text"],
            rows: groups.flatMap { group in
                group.demands.map { [group.organisation, $0.statement, $0.key, $0.addressee, $0.text] }
            },
            items: groups)
    }

    /// `jointly statement show SLUG`, as text for a terminal.
    public static func describe(_ detail: StatementDetail) -> String {
        let statement = detail.statement
        var lines = [
            statement.title,
            "slug:      \(statement.slug)",
            "status:    \(statement.status.rawValue)",
            "date:      \(statement.date)",
            "issuer:    \(statement.issuer)",
            "language:  \(statement.language)" + (detail.translations.isEmpty ? "" : " (translations: \(detail.translations.joined(separator: ", ")))"),
            "version:   \(detail.version.number) of \(detail.versionCount), text SHA-256 \(detail.version.textHash)",
        ]
        if let deadline = statement.deadline { lines.append("deadline:  \(deadline)") }
        let counts = SignatureStatus.allCases.map { "\(detail.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        lines.append("signatures: \(counts)" + (detail.unnamed > 0 ? " (\(detail.unnamed) verified unnamed)" : ""))
        lines.append("demands:")
        for demand in detail.demands {
            lines.append("  \(demand.key) → \(demand.addressee) [\(demand.endorsements)]: \(demand.text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A statement in `statement list --format json`.
public struct StatementListItem: Encodable, Sendable {
    public var slug: String
    public var title: String
    public var status: String
    public var language: String
    public var date: String
    public var version: Int
    public var verified: Int
    public var pending: Int

    init(_ summary: StatementSummary) {
        slug = summary.slug
        title = summary.title
        status = summary.status.rawValue
        language = summary.language
        date = summary.date
        version = summary.version
        verified = summary.verified
        pending = summary.pending
    }
}

/// A demand in `demands SLUG --format json`.
public struct DemandCount: Encodable, Sendable {
    public var key: String
    public var text: String
    public var addressee: String
    public var endorsements: Int

    init(_ entry: DemandEntry) {
        key = entry.key
        text = entry.text
        addressee = entry.addressee
        endorsements = entry.endorsements
    }
}
