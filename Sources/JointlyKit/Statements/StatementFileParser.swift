import Foundation
import Yams

/// Reads statement files and checks them against Jointly's rules, reporting every problem at once.
public enum StatementFileParser {
    /// The largest statement file Jointly reads: far more than any statement needs, and
    /// small enough that a wrong file given by mistake is refused before it is parsed.
    public static let maximumFileSize = 1024 * 1024

    /// Reads and parses the statement file at `path`.
    ///
    /// Throws `JointlyError.io` if the file cannot be read, and `JointlyError.invalidFile`
    /// with a line if it is not UTF-8 or breaks a rule (see `parse(contents:path:)`).
    public static func load(path: String) throws -> StatementFile {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size > maximumFileSize {
                throw JointlyError.invalidFile([Diagnostic(
                    path: path, line: nil,
                    message: "the file is \(size / 1024) KiB; a statement file can be at most \(maximumFileSize / 1024) KiB (is this the right file?)")])
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as JointlyError {
            throw error
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw JointlyError.io(path: path, reason: "cannot read the file: \(reason)")
        }
        guard let contents = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(Array(data))
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: line,
                message: "the file is not valid UTF-8: save it as UTF-8 in your editor")])
        }
        return try parse(contents: contents, path: path)
    }

    /// Parses a statement file's `contents`; `path` gives the file name the slug must match.
    ///
    /// Throws `JointlyError.invalidFile` with every problem found, sorted by line.
    public static func parse(contents: String, path: String) throws -> StatementFile {
        var text = contents.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isFence(_ line: Substring) -> Bool {
            line.trimmingCharacters(in: .whitespaces) == "---" && line.hasPrefix("---")
        }
        guard let first = lines.first, isFence(first) else {
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: 1,
                message: "no front matter: the file must start with a line '---', then the settings (slug, title, …), then a line '---' and the body")])
        }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: 1,
                message: "the front matter is not closed: add a line '---' after the last setting, before the body")])
        }

        let yaml = lines[1..<closing].joined(separator: "\n") + "\n"
        let bodyLine = closing + 2
        let body = String(lines[(closing + 1)...].joined(separator: "\n").trimmingTrailingWhitespace())

        var problems: [Diagnostic] = []
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Diagnostic(
                path: path, line: bodyLine,
                message: "the body is empty: write the statement's text in Markdown after the closing '---'"))
        }

        let front = FrontMatterYAML(yaml: yaml, firstLine: 2, path: path)
        switch front.compose() {
        case .problems(let yamlProblems):
            throw JointlyError.invalidFile(sorted(problems + yamlProblems))
        case .root(let root):
            var checker = StatementFileChecker(path: path, firstLine: 2)
            let file = checker.check(root: root, body: body, bodyLine: bodyLine)
            problems += checker.problems
            if let file, problems.isEmpty { return file }
            throw JointlyError.invalidFile(sorted(problems))
        }
    }

    private static func sorted(_ problems: [Diagnostic]) -> [Diagnostic] {
        problems.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    /// The 1-based line of the first byte that is not part of valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return line
            }
            guard index + length <= bytes.count else { return line }
            let tail = bytes[(index + 1)..<(index + length)]
            guard tail.allSatisfy({ $0 & 0xC0 == 0x80 }),
                  String(bytes: bytes[index..<(index + length)], encoding: .utf8) != nil else { return line }
            if byte == 0x0A { line += 1 }
            index += length
        }
        return line
    }
}

extension StringProtocol {
    /// The text without whitespace and line breaks at its end.
    func trimmingTrailingWhitespace() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous].isWhitespace else { break }
            end = previous
        }
        return self[startIndex..<end]
    }

    /// The text trimmed, with every run of spaces, tabs and line breaks folded to one space.
    ///
    /// No-break spaces are kept: they are typed on purpose (French punctuation, for one).
    func foldingWhitespace() -> String {
        let folding: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        return split(whereSeparator: { folding.contains($0) }).joined(separator: " ")
    }
}
