/// The tags of a Mustache template, read without swift-mustache.
///
/// swift-mustache keeps its parsed tokens internal and renders a missing partial as
/// nothing, so Jointly reads the tags itself to check partial references, content-type
/// pragmas and where an unclosed section was opened. The scanner follows set-delimiter
/// tags (`{{=<% %>=}}`) and skips comments, so it sees the tags swift-mustache sees.
struct TemplateScanner {
    /// One tag: its sigil (`#`, `^`, `/`, `>`, `<`, `%`, `!`, `=`, `{`, `&`, `$`, or nil for
    /// a variable), its trimmed content after the sigil, and the 1-based line it starts on.
    struct Tag: Equatable {
        var sigil: Character?
        var content: String
        var line: Int
    }

    /// The sigils that start a tag; anything else is a variable name.
    private static let sigils: Set<Character> = ["#", "^", "/", ">", "<", "%", "!", "=", "{", "&", "$"]

    /// Every tag in `text`, in order. Stops at an unterminated tag, which the parser reports.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var open = Array("{{")
        var close = Array("}}")
        let chars = Array(text)
        var line = 1
        var index = 0

        func matches(_ pattern: [Character], at position: Int) -> Bool {
            guard position + pattern.count <= chars.count else { return false }
            for offset in pattern.indices where chars[position + offset] != pattern[offset] {
                return false
            }
            return true
        }

        while index < chars.count {
            if chars[index] == "\n" {
                line += 1
                index += 1
                continue
            }
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            let tagLine = line
            var end = index + open.count
            while end < chars.count, !matches(close, at: end) {
                if chars[end] == "\n" { line += 1 }
                end += 1
            }
            guard end < chars.count else { break }
            let inner = String(chars[(index + open.count)..<end])
            index = end + close.count

            let trimmed = inner.trimmingWhitespace()
            var sigil: Character?
            var content = trimmed
            if let first = trimmed.first, sigils.contains(first) {
                sigil = first
                content = String(trimmed.dropFirst()).trimmingWhitespace()
            }
            if sigil == "{", content.hasSuffix("}") {
                content = String(content.dropLast()).trimmingWhitespace()
            }
            if sigil == "{", index < chars.count, chars[index] == "}", open == Array("{{") {
                // `{{{name}}}`: the third closing brace belongs to the tag.
                index += 1
            }
            if sigil == "=" {
                let spec = content.hasSuffix("=") ? String(content.dropLast()) : content
                let parts = spec.split(whereSeparator: \.isWhitespace)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            }
            tags.append(Tag(sigil: sigil, content: content, line: tagLine))
        }
        return tags
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
