import Foundation
import Mustache
import Testing

@testable import JointlyKit

/// Jointly's compiled templates must render exactly what swift-mustache renders.
@Suite("Compiled templates render what swift-mustache renders")
struct RenderingCompiledTests {
    /// `main` of `files` rendered with `value` by swift-mustache and by `TemplateRendering`.
    func renderBoth(_ files: [String: String], main: String = "main", _ value: Any) throws -> (expected: String, actual: String) {
        ContentTypes.register()
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in files {
            library.register(try MustacheTemplate(string: text), named: name)
            compiled[name] = try CompiledTemplate(text)
        }
        let expected = try #require(library.getTemplate(named: main)).render(value, library: library)
        var output = TemplateOutput()
        TemplateRendering(templates: compiled).render(try #require(compiled[main]), value, into: &output)
        return (expected, String(decoding: output.bytes, as: UTF8.self))
    }

    nonisolated(unsafe) static let item: [String: Any] = ["name": "A & B <i>", "flag": true]
    nonisolated(unsafe) static let values: [String: Any] = [
        "name": "Tom \"Tomcat\" O'Neil & <Co>", "flag": true, "off": false, "count": 42, "html": "<b>bold</b>",
        "empty": [[String: Any]](), "outer": "OUT", "strings": ["x", "y<", "z"],
        "a": ["b": ["c": "deep"], "name": "inner"] as [String: Any],
        "list": [item, ["name": "second", "flag": false] as [String: Any], ["name": "third"] as [String: Any]],
    ]

    static let templates: [String] = [
        "Hello {{name}}!\n",
        "{{#list}}\n- {{name}}\n{{/list}}\n",
        "  {{#flag}}\n  yes\n  {{/flag}}\n",
        "a {{#flag}}b{{/flag}} c\n {{#flag}} x {{/flag}} \n",
        "{{^empty}}none{{/empty}}{{^flag}}x{{/flag}}{{^off}}y{{/off}}{{^list}}z{{/list}}\n",
        "{{=<% %>=}}\n<% name %> {{name}}\n<%={{ }}=%>\n{{name}}",
        "  {{! comment }}\nA{{! x }}B\n{{!\nmultiline\n}}\n",
        "{{a.b.c}} {{#a}}{{b.c}} {{.name}} {{name}}{{/a}} {{.name}} {{a.missing.c}}\n",
        "{{#strings}}{{.}},{{/strings}}\n",
        "{{#flag}}\r\n line\r\n{{/flag}}\r\nend\r\n",
        "{{{html}}} {{&html}} {{html}} {{{ html }}}\n",
        "{{% CONTENT_TYPE: MARKDOWN }}\n- {{name}} {{html}}\n",
        "{{% CONTENT_TYPE: TEXT }}\n{{name}}\n",
        "{{#list}}{{outer}}-{{name}}-{{flag}} {{/list}}\n",
        "{{count}} {{flag}} {{off}}\n",
        "[{{missing}}]{{#missing}}x{{/missing}}{{^missing}}y{{/missing}}\n",
        "{{#flag}}\nx\n{{/flag}}",
        "  {{name}}\n\t{{#flag}}\t\n\tz\n{{/flag}}",
        "{{#name}}[{{.}}]{{/name}}{{#count}}<{{.}}>{{/count}}{{#a}}{{#b}}{{c}}{{/b}}{{/a}}\n",
        "{{ name }} {{#  list  }}{{ name }}{{/  list  }}\n",
    ]

    @Test("tricky templates", arguments: templates.indices)
    func tricky(index: Int) throws {
        let (expected, actual) = try renderBoth(["main": Self.templates[index]], Self.values)
        #expect(actual == expected)
    }

    @Test("partials, standalone and indented, in and out of lists")
    func partials() throws {
        let files = [
            "main": "<ul>\n  {{> item}}\n</ul>\n{{#list}}\n    {{> item}}\n{{/list}}\n{{#list}}{{> item}}{{/list}}\n{{> plain}}\n",
            "item": "{{% CONTENT_TYPE: HTML }}\n<li>{{name}}</li>\n<li>two{{#flag}}\n!\n{{/flag}}</li>\n",
            "plain": "{{name}} {{html}}\r\nsecond line\n",
        ]
        let (expected, actual) = try renderBoth(files, Self.values)
        #expect(actual == expected)
    }

    @Test("a long list renders in chunks, in order")
    func longList() throws {
        let rows: [[String: Any]] = (0..<10_000).map { ["name": "Org \($0) <&> \"q\"", "flag": $0 % 3 == 0] }
        let files = [
            "main": "{{% CONTENT_TYPE: HTML }}\n<ul>\n{{#rows}}\n{{> row}}\n{{/rows}}\n</ul>\n{{% CONTENT_TYPE: MARKDOWN }}\n{{#rows}}\n- {{name}}{{#flag}} *{{/flag}}\n{{/rows}}\n",
            "row": "{{% CONTENT_TYPE: HTML }}\n<li>{{name}}{{#flag}} ({{outer}}){{/flag}}</li>\n",
        ]
        let (expected, actual) = try renderBoth(files, ["rows": rows, "outer": "x"] as [String: Any])
        #expect(actual == expected)
    }

    @Test("what only swift-mustache renders is left to it")
    func unsupported() throws {
        for text in ["{{uppercased(name)}}", "{{<parent}}{{$block}}x{{/block}}{{/parent}}", "{{$block}}x{{/block}}", "{{>*dynamic}}"] {
            #expect(throws: CompiledTemplate.Unsupported.self) { try CompiledTemplate(text) }
        }
        let templates = try TemplateSet(files: DefaultTemplates.files.merging(
            ["signatory.html.mustache": "{{% CONTENT_TYPE: HTML }}\n<li>{{uppercased(name)}}</li>\n"]) { $1 })
        #expect(templates.compiledTemplate(named: "statement.html") == nil)
        #expect(templates.compiledTemplate(named: "statement.md") != nil)
        let html = try Renderer(templates: templates).render(RenderingFixtures.samplePage(), format: .html)
        #expect(html.contains("<li>ARTICLE 19</li>"))
    }

    @Test("every default template compiles")
    func defaultsCompile() throws {
        let templates = try TemplateSet.defaults
        for name in templates.sources.keys {
            #expect(templates.compiledTemplate(named: name) != nil, "\(name)")
        }
    }

    @Test("the statement templates render the same both ways, on a page and on the site", arguments: [false, true])
    func statementPages(site: Bool) throws {
        let templates = try TemplateSet.defaults
        var page = RenderingFixtures.samplePage()
        let more: [SignatoryRow] = (0..<6_000).map {
            RenderingFixtures.row("Organisation \($0) & \"Co\" <x>", shortName: $0 % 4 == 0 ? "O\($0)" : "",
                                  country: $0 % 2 == 0 ? "GB" : "", countryName: $0 % 2 == 0 ? "United Kingdom" : "",
                                  website: $0 % 3 == 0 ? "https://example.org/?a=\($0)&b" : "")
        }
        page.signatories = SignatoryList(page.signatories.rows + more)
        page.groups = [SignatoryGroup(heading: "NGOs", signatories: page.signatories), SignatoryGroup(heading: "", signatories: [])]
        if site {
            page.isSite = true
            page.root = "../"
            page.languages = [LanguageLink(language: "en", name: "English", href: "index.html", isCurrent: true),
                              LanguageLink(language: "ru", name: "Русский", href: "ru/index.html", isCurrent: false)]
            page.hasLanguages = true
        }
        for format in OutputFormat.allCases {
            let expected = try templates.template(named: format.templateName).render(page, library: templates.library)
            let actual = try Renderer(templates: templates).render(page, format: format)
            #expect(actual == expected, "\(format)")
        }
    }
}
