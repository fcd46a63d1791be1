import Foundation
import Yams

/// Turns front matter text into a Yams node tree, or into diagnostics with file lines.
///
/// Lines: the YAML text handed to Yams is the file's lines 2… (the front matter after the
/// opening `---`), so a Yams line `n` is file line `n + firstLine - 1`.
struct FrontMatterYAML {
    /// The front matter, LF line endings, without the `---` lines.
    let yaml: String
    /// The file line of the YAML's first line.
    let firstLine: Int
    /// The file path, for diagnostics.
    let path: String

    /// What composing gave: the root (nil for empty front matter) or the problems found.
    enum Outcome {
        case root(Node?)
        case problems([Diagnostic])
    }

    /// Composes the YAML with `Parser` (never `Yams.load`, which traps on non-string keys)
    /// and refuses anchors and aliases.
    ///
    /// Yams resolves an alias silently into the anchored node, and a node's `anchor` is a
    /// weak reference that only the parser keeps alive. So the parser is kept alive while
    /// the tree is searched for anchored nodes; an anchored node met a second time is an
    /// alias use. Anchors are reported at their node's line. Alias lines are found by
    /// looking for `*name` in the text, for the anchor names the tree holds (a document
    /// with an alias always has its anchor, or Yams fails with "undefined alias"); if the
    /// text search finds nothing, the anchor's line is used.
    func compose() -> Outcome {
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: yaml)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            return .problems(diagnostics(for: error))
        } catch {
            return .problems([Diagnostic(path: path, line: firstLine - 1,
                                         message: "the front matter could not be read: \(error)")])
        }
        let problems: [Diagnostic] = withExtendedLifetime(parser) {
            guard let root else { return [] }
            return anchorProblems(in: root)
        }
        return problems.isEmpty ? .root(root) : .problems(problems)
    }

    // MARK: - Anchors and aliases

    private func anchorProblems(in root: Node) -> [Diagnostic] {
        var seen = Set<String>()
        var anchors: [(name: String, line: Int)] = []
        var aliasedNames: [String] = []
        func visit(_ node: Node) {
            if let anchor = node.anchor {
                let mark = node.mark.map { "\($0.line):\($0.column)" } ?? anchor.rawValue
                if seen.contains(mark) {
                    aliasedNames.append(anchor.rawValue)
                    return
                }
                seen.insert(mark)
                anchors.append((anchor.rawValue, fileLine(node.mark)))
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    visit(key)
                    visit(value)
                }
            case .sequence(let sequence):
                sequence.forEach(visit)
            case .scalar, .alias:
                break
            }
        }
        visit(root)

        var problems = anchors.map { anchor in
            Diagnostic(path: path, line: anchor.line,
                       message: "anchor '&\(anchor.name)' is not allowed in front matter: write the value out in full where it is used")
        }
        for name in Set(aliasedNames).sorted() {
            let lines = linesMentioning("*" + name)
            let fallback = anchors.first { $0.name == name }?.line ?? firstLine
            for line in lines.isEmpty ? [fallback] : lines {
                problems.append(Diagnostic(
                    path: path, line: line,
                    message: "alias '*\(name)' is not allowed in front matter: write the value out in full instead"))
            }
        }
        return problems
    }

    /// File lines where `token` stands as a whole YAML token, outside comments.
    private func linesMentioning(_ token: String) -> [Int] {
        let before: Set<Character> = [" ", "\t", "[", "{", ",", "-", ":"]
        let after: Set<Character> = [" ", "\t", ",", "]", "}"]
        var lines: [Int] = []
        for (index, rawLine) in yamlLines.enumerated() {
            let line = String(rawLine.split(separator: " #", maxSplits: 1, omittingEmptySubsequences: false).first ?? rawLine)
            var searchStart = line.startIndex
            while let range = line.range(of: token, range: searchStart..<line.endIndex) {
                let startsToken = range.lowerBound == line.startIndex
                    || before.contains(line[line.index(before: range.lowerBound)])
                let endsToken = range.upperBound == line.endIndex || after.contains(line[range.upperBound])
                if startsToken && endsToken {
                    lines.append(index + firstLine)
                    break
                }
                searchStart = range.upperBound
            }
        }
        return lines
    }

    // MARK: - Yams errors

    private var yamlLines: [Substring] {
        yaml.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private func fileLine(_ mark: Mark?) -> Int {
        (mark?.line ?? 1) + firstLine - 1
    }

    /// One readable diagnostic (or one per duplicated key) for a Yams error; never a raw dump.
    private func diagnostics(for error: YamlError) -> [Diagnostic] {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return [Diagnostic(path: path, line: fileLine(mark),
                               message: message(problem: problem, context: context, mark: mark))]
        case .reader(let problem, let offset, _, _):
            let line = offset.map { characterOffset in
                yaml.prefix(characterOffset).filter { $0 == "\n" }.count + firstLine
            } ?? firstLine
            return [Diagnostic(path: path, line: line,
                               message: "the front matter cannot be read (\(problem)): remove control characters and save the file as UTF-8")]
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeyDiagnostics(names: duplicates, firstMark: context.mark)
        default:
            return [Diagnostic(path: path, line: firstLine - 1,
                               message: "the front matter could not be read: \(error)")]
        }
    }

    private func message(problem: String, context: YamlError.Context?, mark: Mark) -> String {
        let lines = yamlLines
        let text = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
        let indentation = text.prefix { $0 == " " || $0 == "\t" }
        if indentation.contains("\t") || problem.contains("tab") {
            return "a tab is used for indentation: indent the front matter with spaces only"
        }
        if problem == "found undefined alias" {
            return "an alias ('*name') is not allowed in front matter: write the value out in full instead"
        }
        var message = "the front matter is not valid YAML: \(problem)"
        if let context, context.mark.line != mark.line {
            message += " (\(context.text) at line \(fileLine(context.mark)))"
        } else if let context {
            message += " (\(context.text))"
        }
        if problem.contains("mapping values are not allowed") {
            message += "; put text that contains ': ' in quotes"
        } else {
            message += "; check the indentation and quoting of this line"
        }
        return message
    }

    /// Yams stops at a mapping with duplicate keys and gives the mark of one first
    /// occurrence only. The other occurrences are found in the text: keys of one block
    /// mapping start at the same column, in the run of lines indented at least that far.
    private func duplicateKeyDiagnostics(names: [String], firstMark: Mark) -> [Diagnostic] {
        let lines = yamlLines
        let column = firstMark.column - 1
        let markIndex = firstMark.line - 1
        func indentation(_ line: Substring) -> Int? {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            return line.unicodeScalars.count - trimmed.unicodeScalars.count
        }
        func key(at line: Substring) -> String? {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > column,
                  scalars[..<column].allSatisfy({ $0 == " " || $0 == "-" }) else { return nil }
            var rest = String(String.UnicodeScalarView(scalars[column...]))
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            rest = String(rest[..<colon])
            let name = rest.trimmingCharacters(in: .whitespaces)
            return name.isEmpty || name.contains(" ") ? nil : name
        }
        var start = max(0, min(markIndex, lines.count - 1))
        if let own = indentation(lines[start]), own >= column {
            while start > 0 {
                let previous = lines[start - 1]
                guard let indent = indentation(previous) else { start -= 1; continue }
                if indent >= column { start -= 1; continue }
                if key(at: previous) != nil { start -= 1 }
                break
            }
        }
        var end = start
        while end + 1 < lines.count {
            if let indent = indentation(lines[end + 1]), indent < column { break }
            end += 1
        }
        var occurrences: [String: [Int]] = [:]
        if start <= end {
            for index in start...end {
                if let name = key(at: lines[index]), names.contains(name) {
                    occurrences[name, default: []].append(index + firstLine)
                }
            }
        }
        var problems: [Diagnostic] = []
        for name in names {
            let found = occurrences[name] ?? []
            guard found.count >= 2 else {
                problems.append(Diagnostic(path: path, line: fileLine(firstMark),
                                           message: "key '\(name)' appears more than once in this mapping: keep one"))
                continue
            }
            for line in found.dropFirst() {
                problems.append(Diagnostic(path: path, line: line,
                                           message: "key '\(name)' appears more than once (first at line \(found[0])): keep one"))
            }
        }
        return problems
    }
}
