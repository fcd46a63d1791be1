import Foundation
import Mustache
import Testing

@testable import JointlyKit

@Suite("Markdown and HTML escaping")
struct RenderingEscapingTests {
    static let hostileNames = [
        RenderingFixtures.hostileName,
        "_x_",
        "# Head",
        "1. one",
        "2018) year",
        "- dash",
        "+972 Magazine",
        "> quote",
        "a|b",
        "`code`",
        "&amp;",
        "&#42; &copy;",
        "~~strike~~",
        "![img](x)",
        "<b>",
        "\\backslash",
        "trailing\\",
        "Ünïcödé",
        "ОВД-Инфо",
        "منظمة\u{200D}حقوق",
        "www.example.org",
        "https://example.org/x",
        "info@example.org",
        "[ref]: https://example.org",
        "***",
        "===",
        "<!-- comment -->",
        "a  b",
        "** not bold **",
        "x^2 {y} $z$ \"q\" 'a' @user %20 =b ;c ?d",
    ]

    static let forbiddenTags = [
        "<a", "<em", "<strong", "<script", "<img", "<code>", "<del>", "<h1", "<h2", "<ol", "<ul",
        "<blockquote", "<table", "<hr", "<pre", "<!--",
    ]

    /// Where a name can land in a Markdown template: a paragraph, a bullet, a heading, a
    /// table cell. `label` is the text cmark shows before the name; `allowed` lists the
    /// tags the context itself makes.
    struct Context: Sendable {
        var name: String
        var prefix: String
        var suffix = ""
        var label = ""
        var allowed: [String] = []
    }

    static let contexts = [
        Context(name: "paragraph", prefix: ""),
        Context(name: "bullet", prefix: "- ", allowed: ["<ul"]),
        Context(name: "heading", prefix: "### To ", label: "To "),
        Context(name: "table cell", prefix: "| Name |\n| --- |\n| ", suffix: " |", label: "Name", allowed: ["<table"]),
    ]

    @Test("every hostile name renders on GitHub as exactly its text", arguments: hostileNames)
    func markdownShowsNamesAsText(name: String) {
        let escaped = MarkdownEscaping.escape(name)
        for context in Self.contexts {
            let html = MarkdownHTML.render(context.prefix + escaped + context.suffix)
            let shown = RenderingFixtures.textContent(ofHTML: html)
            #expect(shown.hasPrefix(context.label), "\(context.name): \(html)")
            let text = String(shown.dropFirst(context.label.count)).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text == name, "\(context.name): \(html)")
            // GFM's autolink extension links e-mail addresses after parsing, from the text
            // itself, so no escaping can stop it; the text stays the name and the link is
            // a harmless mailto:, never a script.
            let isEmail = name.contains("@") && name.contains(".")
            for tag in Self.forbiddenTags where !context.allowed.contains(tag) && !(isEmail && tag == "<a") {
                #expect(!html.contains(tag), "\(context.name) of \(name) made \(tag): \(html)")
            }
            if isEmail {
                #expect(html.components(separatedBy: "href=\"").dropFirst().allSatisfy { $0.hasPrefix("mailto:") })
            }
        }
    }

    // Found by the FuzzMarkdownEscape fuzzer: "\t\u{0B}" became a code block.
    @Test("leading whitespace neither indents a value into code nor hides its start",
          arguments: ["\t\u{0B}", "    indented", "\n# Head", "  - item", " 1. one", "\r\n> quote"])
    func leadingWhitespaceIsDropped(name: String) {
        let escaped = MarkdownEscaping.escape(name)
        for context in Self.contexts {
            let html = MarkdownHTML.render(context.prefix + escaped + context.suffix)
            let shown = RenderingFixtures.textContent(ofHTML: html)
            let text = String(shown.dropFirst(context.label.count)).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text == name.trimmingCharacters(in: .whitespacesAndNewlines), "\(context.name): \(html)")
            for tag in Self.forbiddenTags where !context.allowed.contains(tag) {
                #expect(!html.contains(tag), "\(context.name) of \(name.debugDescription) made \(tag): \(html)")
            }
        }
    }

    @Test("line breaks in a value fold to one space")
    func lineBreaksFold() {
        #expect(MarkdownEscaping.escape("a\nb") == "a b")
        #expect(MarkdownEscaping.escape("a\r\nb") == "a b")
        #expect(MarkdownEscaping.escape("a\rb") == "a b")
        let html = MarkdownHTML.render("- " + MarkdownEscaping.escape("Name\n# Heading\n- item"))
        #expect(!html.contains("<h1"))
        #expect(RenderingFixtures.textContent(ofHTML: html) == "Name # Heading - item")
    }

    @Test("a name without punctuation comes back unchanged")
    func plainNamesUnchanged() {
        #expect(MarkdownEscaping.escape("Human Rights Watch") == "Human Rights Watch")
        #expect(HTMLEscaping.escape("Human Rights Watch") == "Human Rights Watch")
    }

    @Test("the byte-level HTML escaper matches swift-mustache's own", arguments: hostileNames + ["\"quoted\" & 'single'", ""])
    func htmlEscapingMatchesMustache(name: String) throws {
        // A template without a content-type pragma uses swift-mustache's built-in escaper.
        let builtIn = try MustacheTemplate(string: "{{value}}").render(["value": name])
        #expect(HTMLEscaping.escape(name) == builtIn)
    }

    @Test("MARKDOWN is a content type templates can declare")
    func markdownPragmaIsRegistered() throws {
        _ = try TemplateSet.defaults
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: MARKDOWN }}{{value}}")
        #expect(template.render(["value": "*a*"]) == "\\*a\\*")
    }
}
