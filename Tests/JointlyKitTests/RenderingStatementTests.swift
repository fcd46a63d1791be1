import Foundation
import Mustache
import Testing

@testable import JointlyKit

@Suite("Rendering a statement page")
struct RenderingStatementTests {
    let renderer: Renderer
    let page = RenderingFixtures.samplePage()

    init() throws {
        renderer = Renderer(templates: try .defaults)
    }

    /// The lines of `output` that mention `needle`.
    func lines(of output: String, containing needle: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains(needle) }
    }

    @Test("Markdown output matches the golden file")
    func markdownGolden() throws {
        RenderingFixtures.assertGolden(try renderer.render(page, format: .markdown), named: "statement.md")
    }

    @Test("HTML output matches the golden file")
    func htmlGolden() throws {
        RenderingFixtures.assertGolden(try renderer.render(page, format: .html), named: "statement.html")
    }

    @Test("a hostile name is HTML-escaped in HTML")
    func hostileNameInHTML() throws {
        let html = try renderer.render(page, format: .html)
        #expect(html.contains("*Bold* [x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; (&lt;b&gt;)"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("href=\"https://www.hrw.org/?a=1&amp;b=2\" rel=\"nofollow noopener\""))
    }

    @Test("a hostile name is Markdown-escaped in Markdown and shows as its text on GitHub")
    func hostileNameInMarkdown() throws {
        let markdown = try renderer.render(page, format: .markdown)
        let escaped = MarkdownEscaping.escape(RenderingFixtures.hostileName)
        #expect(lines(of: markdown, containing: escaped) == ["- \(escaped) (\\<b>)"])

        let html = MarkdownHTML.render(markdown)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<em>Bold"))
        #expect(!html.contains("javascript:alert(1)\""))
        #expect(html.contains("<li>*Bold* [x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; (&lt;b&gt;)</li>"))
    }

    @Test("a signatory without person or title never shows the statement's title")
    func noNilLookupTrap() throws {
        // Templates that show the signer: where swift-mustache would look a missing
        // value up in the enclosing context, the statement's title would appear.
        var files = DefaultTemplates.files
        files["signatory.html.mustache"] = "{{% CONTENT_TYPE: HTML }}<li>{{name}}|{{person}}|{{title}}</li>\n"
        files["statement.md.mustache"] = "{{% CONTENT_TYPE: MARKDOWN }}{{#signatories}}- {{name}}|{{person}}|{{title}}\n{{/signatories}}"
        let showing = Renderer(templates: try TemplateSet(files: files))
        for format in OutputFormat.allCases {
            let output = try showing.render(page, format: format)
            let entry = try #require(lines(of: output, containing: "Инфо").first, "\(format)")
            #expect(!entry.contains("Telegram"), "\(format): \(entry)")
            #expect(!entry.contains("Executive"), "\(format): \(entry)")
            #expect(entry.hasSuffix("||") || entry.hasSuffix("||</li>"), "\(format): \(entry)")
            #expect(output.contains("Thomas Hughes|Executive Director"), "\(format)")
        }
    }

    @Test("the counts, the unnamed line and the version are shown")
    func countsShown() throws {
        for format in OutputFormat.allCases {
            let output = try renderer.render(page, format: format)
            #expect(output.contains("6 organisations from 4 countries"))
            #expect(output.contains("and 1 organisation that cannot be named for its safety"))
        }
        #expect(try renderer.render(page, format: .html).contains("Version 1 of the text is current. Made with Jointly 0.1.0"))
    }

    @Test("a preview says so, in both formats", arguments: ["draft", "open"])
    func previewNotice(status: String) throws {
        let preview = RenderingFixtures.samplePage(status: status)
        #expect(try renderer.render(preview, format: .markdown).contains("> **Preview: not published.** This statement is \(status);"))
        #expect(try renderer.render(preview, format: .html).contains("<p class=\"preview\"><strong>Preview: not published.</strong> This statement is \(status);"))
        #expect(try !renderer.render(page, format: .html).contains("Preview"))
    }

    @Test("a page without signatories has no empty list")
    func noSignatories() throws {
        var empty = page
        empty.signatories = []
        empty.hasSignatories = false
        empty.unnamedCount = 0
        empty.hasUnnamed = false
        empty.unnamedLine = ""
        empty.countLine = StatementPage.countLine(organisations: 0, countries: 0)
        let html = try renderer.render(empty, format: .html)
        #expect(!html.contains("<ul class=\"signatories\">"))
        #expect(!html.contains("class=\"unnamed\""))
        #expect(html.contains("0 organisations from 0 countries"))
    }

    @Test("the HTML page passes tidy", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tidy")))
    func htmlValidates() throws {
        let directory = try RenderingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/statement.html"
        try renderer.render(RenderingFixtures.samplePage(status: "open"), format: .html)
            .write(toFile: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tidy")
        process.arguments = ["-errors", "-quiet", file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(report.isEmpty, "\(report)")
        #expect(process.terminationStatus == 0)
    }
}

@Suite("View models")
struct RenderingViewModelTests {
    @Test("count lines agree in number")
    func countLines() {
        #expect(StatementPage.countLine(organisations: 1, countries: 1) == "1 organisation from 1 country")
        #expect(StatementPage.countLine(organisations: 15, countries: 5) == "15 organisations from 5 countries")
        #expect(StatementPage.countLine(organisations: 2, countries: 1) == "2 organisations from 1 country")
        #expect(StatementPage.countLine(organisations: 0, countries: 0) == "0 organisations from 0 countries")
    }

    @Test("unnamed lines agree in number, and are empty for none")
    func unnamedLines() {
        #expect(StatementPage.unnamedLine(count: 0) == "")
        #expect(StatementPage.unnamedLine(count: 1) == "and 1 organisation that cannot be named for its safety")
        #expect(StatementPage.unnamedLine(count: 3) == "and 3 organisations that cannot be named for their safety")
    }

    /// Checks that `child(named:)` answers every stored property with its value, so no
    /// field can fall through to the enclosing context.
    func checkLookups(_ value: some MustacheParent) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let answer = value.child(named: label)
            #expect(answer != nil, "\(type(of: value)).child(named: \"\(label)\") is nil")
            if let answer {
                #expect(String(describing: answer) == String(describing: child.value), "\(type(of: value)).\(label)")
            }
        }
        #expect(value.child(named: "noSuchField") == nil)
    }

    @Test("every field is answered without reflection")
    func lookupsCoverEveryField() throws {
        let page = RenderingFixtures.samplePage()
        checkLookups(page)
        checkLookups(try #require(page.addressees.first))
        checkLookups(try #require(page.addressees.first?.demands.first))
        for row in page.signatories { checkLookups(row) }
    }

    @Test("10,000 signatories render in both formats")
    func manySignatories() throws {
        var page = RenderingFixtures.samplePage()
        page.signatories = SignatoryList((0..<10_000).map {
            RenderingFixtures.row("Organisation \($0) & Co", country: "GB", countryName: "United Kingdom", website: "https://example.org/\($0)")
        })
        page.groups = [SignatoryGroup(heading: "", signatories: page.signatories)]
        let renderer = Renderer(templates: try .defaults)
        let html = try renderer.render(page, format: .html)
        #expect(html.components(separatedBy: "<li class=\"signatory\">").count == 10_001)
        let markdown = try renderer.render(page, format: .markdown)
        #expect(markdown.contains("- Organisation 9999 & Co, United Kingdom\n"))
    }
}
