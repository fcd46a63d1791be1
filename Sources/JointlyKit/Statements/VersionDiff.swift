import GRDB

extension AppDatabase {
    /// The change from version `from` to version `to` of a statement's authoritative
    /// text, line by line: `-` removed, `+` added, two spaces unchanged.
    public func diff(slug: String, from: Int, to: Int) throws -> String {
        let (old, new) = try read { db -> (String, String) in
            let statement = try Statement.require(db, slug: slug)
            return (try canonicalText(db, statement: statement, number: from), try canonicalText(db, statement: statement, number: to))
        }
        var output = "--- \(slug) version \(from)\n+++ \(slug) version \(to)\n"
        for line in LineDiff.lines(from: old, to: new) {
            switch line {
            case .same(let text): output += "  \(text)\n"
            case .removed(let text): output += "- \(text)\n"
            case .added(let text): output += "+ \(text)\n"
            }
        }
        return output
    }

    private func canonicalText(_ db: Database, statement: Statement, number: Int) throws -> String {
        guard let version = try StatementVersion
            .filter(StatementVersion.Columns.statementId == statement.id && StatementVersion.Columns.language == statement.language
                    && StatementVersion.Columns.number == number)
            .fetchOne(db)
        else {
            let count = try StatementVersion
                .filter(StatementVersion.Columns.statementId == statement.id && StatementVersion.Columns.language == statement.language)
                .fetchCount(db)
            throw JointlyError.invalidValue(
                field: "version", value: String(number), reason: "'\(statement.slug)' has versions 1 to \(count); see 'jointly statement history \(statement.slug)'")
        }
        let demands = try DemandText.wording(of: try version.requireId(), db)
        return StatementFile.canonicalText(title: version.title, demands: demands, body: version.body)
    }
}

/// A line-by-line diff by longest common subsequence; statements are short enough.
enum LineDiff: Equatable {
    case same(String), removed(String), added(String)

    static func lines(from old: String, to new: String) -> [LineDiff] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [LineDiff] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(.same(a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Removals before additions, as unified diffs show a changed line.
                result.append(.removed(a[i])); i += 1
            } else {
                result.append(.added(b[j])); j += 1
            }
        }
        // The canonical text ends with a newline, which splits into a last empty line.
        if result.last == .same("") { result.removeLast() }
        return result
    }
}
