extension Reports {
    /// What `publish` tells the coordinator, including the chain head to post publicly.
    public static func describe(_ edition: Edition, slug: String) -> [String] {
        var lines = ["published edition \(edition.edition) of \(slug), dated \(edition.publishedOn): version \(edition.version), \(edition.signatoryCount) signator\(edition.signatoryCount == 1 ? "y" : "ies")"]
        if edition.edition > 1 { lines.append("since edition \(edition.edition - 1): \(changes(edition))") }
        lines.append("audit chain head: \(edition.chainHead)")
        lines.append("post this head where others can see it: if any change up to it is later removed or edited, 'jointly db check' reports it")
        return lines
    }

    /// `statement history`: versions, then editions with joiners and leavers.
    public static func history(versions: [StatementVersion], editions: [Edition]) -> String {
        var text = "versions:\n"
        for version in versions {
            let note = version.changeNote.map { ": \($0)" } ?? ""
            text += "  \(version.number)  \(version.createdAt.prefix(10))  sha256 \(version.textHash.prefix(12))\(note)\n"
        }
        text += editions.isEmpty ? "editions: none yet (jointly publish SLUG)\n" : "editions:\n"
        for edition in editions {
            text += "  \(edition.edition)  \(edition.publishedOn)  version \(edition.version), \(edition.signatoryCount) signator\(edition.signatoryCount == 1 ? "y" : "ies"); \(changes(edition))\n"
            text += "     list sha256 \(edition.listHash.prefix(12)), text sha256 \(edition.textHash.prefix(12)), chain head \(edition.chainHead.prefix(12))\n"
            if !edition.namesKept {
                text += "     names as of the upgrade that began keeping them: an organisation was renamed or merged after this edition, so its list as published is known only by its sha256\n"
            }
        }
        return text
    }

    /// `jointly log`.
    public static func log(_ entries: [LogEntry]) -> Report<LogEntry> {
        Report(
            headers: ["id", "time", "actor", "action", "statement", "subject", "old", "new"],
            rows: entries.map { [String($0.id), $0.time, $0.actor, $0.action, $0.statement ?? "", $0.subject, $0.oldValue ?? "", $0.newValue ?? ""] },
            items: entries)
    }

    private static func changes(_ edition: Edition) -> String {
        var parts: [String] = []
        if !edition.joined.isEmpty { parts.append("joined: \(edition.joined.joined(separator: ", "))") }
        if edition.unnamedJoined > 0 { parts.append("\(edition.unnamedJoined) unnamed joined") }
        if !edition.left.isEmpty { parts.append("left: \(edition.left.joined(separator: ", "))") }
        if edition.unnamedLeft > 0 { parts.append("\(edition.unnamedLeft) unnamed left") }
        if !edition.merged.isEmpty { parts.append("merged: \(edition.merged.joined(separator: ", "))") }
        if edition.becameUnnamed > 0 { parts.append("\(edition.becameUnnamed) asked to be unnamed") }
        if edition.becameNamed > 0 { parts.append("\(edition.becameNamed) unnamed now named") }
        return parts.isEmpty ? "no change in the list" : parts.joined(separator: "; ")
    }
}
