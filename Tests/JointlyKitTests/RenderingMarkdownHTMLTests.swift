import Testing

@testable import JointlyKit

@Suite("Statement bodies through cmark-gfm")
struct RenderingMarkdownHTMLTests {
    @Test("raw HTML in a body is dropped")
    func rawHTMLDropped() {
        let html = MarkdownHTML.render("Before\n\n<script>alert(1)</script>\n\nInline <b onclick=\"x()\">bold</b> text")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b "))
        #expect(!html.contains("onclick"))
        #expect(html.contains("Before"))
    }

    @Test("javascript: links lose their destination")
    func javascriptLinksDropped() {
        let html = MarkdownHTML.render("[x](javascript:alert(1)) and ![i](javascript:alert(2)) and <javascript:alert(3)>")
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(!html.lowercased().contains("src=\"javascript"))
        #expect(html.contains("<a href=\"\">x</a>"))
    }

    @Test("GFM tables, strikethrough and autolinks render")
    func gfmExtensions() {
        let html = MarkdownHTML.render("| Demand | To |\n| --- | --- |\n| Repeal | Russia |\n\n~~old~~ see www.article19.org")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>Repeal</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.article19.org\">"))
    }

    @Test("plain Markdown renders")
    func plainMarkdown() {
        #expect(MarkdownHTML.render("Hello *world*") == "<p>Hello <em>world</em></p>\n")
        #expect(MarkdownHTML.render("") == "")
    }
}
