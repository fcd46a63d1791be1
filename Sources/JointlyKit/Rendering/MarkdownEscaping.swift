import Mustache

/// Escapes a value so that Markdown (CommonMark, GitHub's cmark-gfm) shows exactly its text.
///
/// Registered with swift-mustache as the `MARKDOWN` content type: a template that starts with
/// `{{% CONTENT_TYPE: MARKDOWN }}` escapes every `{{value}}` this way.
public struct MarkdownEscaping: MustacheContentType {
    /// Makes the escaper; it has no settings.
    public init() {}

    /// `text` escaped so that it shows as typed, with line breaks folded to spaces.
    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` escaped so that it shows as typed, with line breaks folded to spaces.
    ///
    /// Only what can start Markdown syntax is escaped, so the Markdown edition stays
    /// readable as plain text ("Russia: Telegram", not "Russia\\: Telegram"):
    /// - always: `\\` `` ` `` `*` `_` `[` `]` `<` `|` `~` `$` (emphasis, code, links,
    ///   images, footnotes, raw HTML, table cells, strikethrough, GitHub's math);
    /// - `&` where it would start an entity (`&amp;`, `&#39;`);
    /// - at the start of the value, which a template may put at the start of a line:
    ///   `#` `>` `-` `+` `=` and the `.` or `)` after leading digits (`1.` would start a
    ///   list);
    /// - the `:` of `scheme://` and the `.` of `www.`, which GFM would otherwise autolink.
    ///
    /// Leading spaces, tabs and line breaks are dropped: at the start of a line Markdown
    /// shows none of them, and they would hide the value's start from the rules above
    /// (`"\n# Head"` would be a heading) or, four spaces or a tab, indent it into a code
    /// block.
    ///
    /// One thing no escape prevents: GFM's autolink extension links an e-mail address found
    /// in the text after parsing, so a name holding one shows as its text inside a
    /// `mailto:` link.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        let changed = append(text, to: &out)
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// Appends `text` escaped as ``escape(_:)`` escapes it to `out`, byte by byte; returns
    /// whether the escaped text differs from `text`.
    @discardableResult
    static func append(_ text: String, to out: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            let start = utf8.firstIndex { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } ?? utf8.count
            let bytes = UnsafeBufferPointer(rebasing: utf8[start...])
            out.reserveCapacity(out.count + bytes.count + 8)
            var changed = start > 0
            let leadingDigits = bytes.prefix { (0x30...0x39).contains($0) }.count
            var index = 0
            var previousWasCR = false
            while index < bytes.count {
                let byte = bytes[index]
                defer { index += 1 }
                if byte == 0x0A || byte == 0x0D {
                    changed = true
                    // \r\n is one line break, folded to one space.
                    if !(byte == 0x0A && previousWasCR) { out.append(0x20) }
                    previousWasCR = byte == 0x0D
                    continue
                }
                previousWasCR = false
                if needsEscape(bytes, at: index, leadingDigits: leadingDigits) {
                    out.append(0x5C)
                    changed = true
                }
                out.append(byte)
            }
            return changed
        }
    }

    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, leadingDigits: Int) -> Bool {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "$"):
            return true
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
            return index == 0
        case UInt8(ascii: "&"):
            return startsEntity(bytes, after: index)
        case UInt8(ascii: "."), UInt8(ascii: ")"):
            if leadingDigits > 0 && index == leadingDigits { return true }
            return byte == UInt8(ascii: ".") && index >= 3 && endsWithWWW(bytes, before: index)
        case UInt8(ascii: ":"):
            return index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
        default:
            return false
        }
    }

    /// Whether `&` at `index` begins `&name;` or `&#digits;`, which CommonMark decodes.
    private static func startsEntity(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var cursor = index + 1
        while cursor < bytes.count, cursor - index <= 32 {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ";") { return cursor > index + 1 }
            let isName = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if !(isName || (byte == UInt8(ascii: "#") && cursor == index + 1)) { return false }
            cursor += 1
        }
        return false
    }

    private static func endsWithWWW(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        let www = bytes[(index - 3)..<index].map { $0 | 0x20 }
        guard www == Array("www".utf8) else { return false }
        return index == 3 || !isWordByte(bytes[index - 4])
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }
}

/// Escapes a value for HTML text and attribute values, byte by byte.
///
/// Gives the same output as swift-mustache's own HTML escaping (`&<>"'` become `&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&#39;`) but walks UTF-8 bytes instead of looking each
/// `Character` up in a dictionary, and returns the string untouched when nothing needs
/// escaping, which is most names. Jointly registers it under swift-mustache's own name
/// `HTML`, so templates that declare `{{% CONTENT_TYPE: HTML }}` use it; templates and
/// partials that declare nothing get swift-mustache's escaper, with the same result.
public struct HTMLEscaping: MustacheContentType {
    /// Makes the escaper; it has no settings.
    public init() {}

    /// `text` with `&<>"'` replaced by character references.
    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` with `&<>"'` replaced by character references.
    public static func escape(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where isSpecial(byte) {
            needsWork = true
            break
        }
        guard needsWork else { return text }

        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `bytes` with `&<>"'` replaced by character references.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var clean = 0
            for (index, byte) in utf8.enumerated() where isSpecial(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                default: bytes.append(contentsOf: "&#39;".utf8)
                }
                clean = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// The content types Jointly adds to swift-mustache.
enum ContentTypes {
    /// The pragma name of the Markdown content type.
    static let markdownName = "MARKDOWN"

    /// Registers `MARKDOWN` and the faster `HTML` once per process.
    ///
    /// swift-mustache looks a `CONTENT_TYPE` pragma up while parsing, so this must run
    /// before any template is parsed; `TemplateSet` calls it first thing. A `static let`
    /// is initialised exactly once, even when several threads get here together.
    static func register() {
        _ = registered
    }

    private static let registered: Void = {
        MustacheContentTypes.register(MarkdownEscaping(), named: markdownName)
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
    }()
}
