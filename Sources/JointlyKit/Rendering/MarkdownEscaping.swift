import Mustache

/// Escapes a value so that Markdown (CommonMark, GitHub's cmark-gfm) shows exactly its text.
///
/// Registered with swift-mustache as the `MARKDOWN` content type: a template that starts with
/// `{{% CONTENT_TYPE: MARKDOWN }}` escapes every `{{value}}` this way.
public struct MarkdownEscaping: MustacheContentType {
    /// Makes the escaper; it has no settings.
    public init() {}

    /// `text` with every ASCII punctuation character backslash-escaped and line breaks folded.
    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` with every ASCII punctuation character backslash-escaped and line breaks folded.
    ///
    /// CommonMark lets a backslash escape any ASCII punctuation character and turns it into
    /// that literal character, so escaping all of them is one rule that covers emphasis,
    /// links, images, code, HTML, entities, strikethrough, table pipes and every line-start
    /// construct (`#`, `>`, `-`, `+`, `*`, `1.`, `1)`), whatever comes next to the value.
    /// A line break would let the rest of a name start a new block, so it becomes a space.
    ///
    /// One thing no escape prevents: GFM's autolink extension links an e-mail address found
    /// in the text after parsing, so a name holding one shows as its text inside a
    /// `mailto:` link. `www.` and `http://` autolinks are stopped by the escaped `.` and `:`.
    public static func escape(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where isPunctuation(byte) || byte == 0x0A || byte == 0x0D {
            needsWork = true
            break
        }
        guard needsWork else { return text }

        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 4 + 8)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0A, previousWasCR {
                // \r\n is one line break, already folded to one space.
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                out.append(0x20)
            } else {
                if isPunctuation(byte) { out.append(0x5C) }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ASCII punctuation characters CommonMark allows to be backslash-escaped:
    /// !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~
    @inline(__always)
    static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
            || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
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
