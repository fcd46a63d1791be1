import CMarkGFM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns trusted Markdown (a statement's body) into safe HTML with cmark-gfm.
public enum MarkdownHTML {
    /// `markdown` as HTML, with GitHub's table, strikethrough, autolink and tagfilter
    /// extensions.
    ///
    /// The options are `CMARK_OPT_DEFAULT`, which is cmark-gfm's safe mode: raw HTML is
    /// replaced by a comment and links or images to `javascript:`, `vbscript:`, `file:` and
    /// most `data:` URLs lose their destination. `CMARK_OPT_UNSAFE` is never passed: the
    /// body is written by a coordinator, but statement files travel by e-mail and pull
    /// request, and the site must not run what someone pasted into one.
    public static func render(_ markdown: String) -> String {
        _ = extensionsRegistered
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }

        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }

        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    cmark_parser_feed(parser, base, chars.count)
                }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(root) }

        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))
        else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// The GitHub Flavored Markdown extensions GitHub itself turns on.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    // cmark-gfm's registration of its core extensions is not thread-safe; a `static let`
    // makes it happen exactly once.
    private static let extensionsRegistered: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
}
