import Foundation
import FuzzSupport
import JointlyKit

/// Fuzzes `MarkdownEscaping.escape(_:)` against what it promises: an escaped value that
/// cmark-gfm renders as a paragraph shows exactly the value's text, line breaks folded to
/// spaces, in no element but the paragraph's `<p>`.
///
/// Two exceptions, made by cmark-gfm where no escape reaches: GFM's autolink extension
/// links e-mail addresses (a `mailto:` link around text that is still the value's), and
/// CommonMark replaces U+0000 with U+FFFD. Values whose escaped text starts with a byte
/// order mark are skipped: cmark drops one that starts the document, and what follows
/// it is then at a line start the escaper never saw (`"\u{FEFF}    x"` is code). Here
/// the value is the whole document; in a template it never starts the document.
@main
enum FuzzMarkdownEscape {
    static func main() {
        FuzzDriver.run { data, size in
            FuzzMarkdownEscape.check(String(decoding: FuzzDriver.bytes(data, size), as: UTF8.self))
            return 0
        }
    }

    static func check(_ value: String) {
        let escaped = MarkdownEscaping.escape(value)
        guard escaped.unicodeScalars.first != "\u{FEFF}" else { return }
        let html = MarkdownHTML.render(escaped)
        let (tags, shown) = split(html)
        let expected = folded(value).trimmingCharacters(in: .whitespacesAndNewlines)
        let text = shown.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.elementsEqual(expected.utf8) else {
            FuzzDriver.violated("the escaped value shows as its text", "value \(value.debugDescription)\nhtml \(html.debugDescription)")
        }
        let elementTags = tags.filter { !isEmailLinkTag($0) }
        let wrapped = elementTags == ["<p>", "</p>"] && html.utf8.starts(with: "<p>".utf8)
        guard wrapped || (elementTags.isEmpty && expected.isEmpty) else {
            FuzzDriver.violated("the escaped value makes no element but <p>", "value \(value.debugDescription)\nhtml \(html.debugDescription)")
        }
    }

    /// An e-mail autolink's tags, the documented exception.
    static func isEmailLinkTag(_ tag: String) -> Bool {
        tag == "</a>" || tag.utf8.starts(with: "<a href=\"mailto:".utf8)
    }

    /// `value` as cmark shows it: each line break (CRLF, CR or LF) one space, U+0000 as
    /// U+FFFD. Works on scalars: Foundation's `replacingOccurrences` matches whole
    /// characters and misses a line feed that a combining mark follows.
    static func folded(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n" where previousWasCR: break
            case "\n", "\r": out.append(" ")
            case "\u{0}": out.append("\u{FFFD}")
            default: out.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return String(out)
    }

    /// The HTML's tags and its text, as `RenderingFixtures.textContent(ofHTML:)` finds
    /// them: everything between `<` and `>` is a tag, and the entities cmark writes are
    /// decoded (`&amp;lt;` stays `&lt;`). Works on bytes, for the reason `folded` gives.
    static func split(_ html: String) -> (tags: [String], text: String) {
        let bytes = Array(html.utf8)
        let entities: [(name: [UInt8], byte: UInt8)] = [
            (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
            (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
            (Array("&amp;".utf8), UInt8(ascii: "&")),
        ]
        var tags: [String] = []
        var text: [UInt8] = []
        var index = 0
        outer: while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                tags.append(String(decoding: bytes[index...close], as: UTF8.self))
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                for entity in entities where bytes[index...].starts(with: entity.name) {
                    text.append(entity.byte)
                    index += entity.name.count
                    continue outer
                }
            }
            text.append(byte)
            index += 1
        }
        return (tags, String(decoding: text, as: UTF8.self))
    }
}

#if FUZZING
/// The entry libFuzzer's own `main` calls. A debug build renames the Swift `main` (so
/// executables can be tested), and the linker then takes libFuzzer's, which needs this.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzMarkdownEscape.check(String(decoding: FuzzDriver.bytes(data, size), as: UTF8.self))
    return 0
}
#endif
