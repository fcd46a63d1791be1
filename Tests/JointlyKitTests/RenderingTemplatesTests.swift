import Foundation
import Testing

@testable import JointlyKit

@Suite("Loading and checking templates")
struct RenderingTemplatesTests {
    /// The defaults with `overrides` laid over them, keyed by file name.
    func files(_ overrides: [String: String]) -> [String: String] {
        DefaultTemplates.files.merging(overrides) { _, new in new }
    }

    /// The reason of the `JointlyError.template` that loading `files` throws.
    func templateError(_ files: [String: String]) -> (name: String, reason: String)? {
        do {
            _ = try TemplateSet(files: files)
            Issue.record("expected a template error")
            return nil
        } catch let JointlyError.template(name, reason) {
            return (name, reason)
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("the compiled defaults equal templates/ byte for byte")
    func defaultsEqualTemplatesFolder() throws {
        let folder = RenderingFixtures.repositoryRoot.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") }
        #expect(Set(names) == Set(DefaultTemplates.files.keys))
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            #expect(Data((DefaultTemplates.files[name] ?? "").utf8) == data, "templates/\(name) differs from DefaultTemplates")
        }
    }

    @Test("the defaults load and pass every check")
    func defaultsLoad() throws {
        let set = try TemplateSet.defaults
        #expect(Set(set.sources.keys) == [
            "statement.md", "statement.html", "signatory.html", "style.css",
            "index.html", "organisation.html", "demand.html", "feed.xml",
        ])
    }

    @Test("a templates folder overrides the defaults file by file")
    func folderOverridesOneFile() throws {
        let directory = try RenderingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "{{% CONTENT_TYPE: MARKDOWN }}\nCustom: {{title}}\n"
            .write(toFile: directory + "/statement.md.mustache", atomically: true, encoding: .utf8)

        let set = try TemplateSet.load(directory: directory)
        #expect(set.origins["statement.md"] == directory + "/statement.md.mustache")
        let renderer = Renderer(templates: set)
        let page = RenderingFixtures.samplePage()
        #expect(try renderer.render(page, format: .markdown) == "Custom: Russia: Telegram block leads to widespread assault on freedom of expression online\n")
        #expect(try renderer.render(page, format: .html) == Renderer(templates: .defaults).render(page, format: .html))
    }

    @Test("a missing folder, a file, and an empty folder are refused")
    func badFolders() throws {
        let directory = try RenderingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/templates.txt"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)

        #expect(throws: JointlyError.io(path: directory + "/nope", reason: "no such templates folder; pass the folder that holds the *.mustache files, or run 'jointly init' to write the defaults")) {
            try TemplateSet.load(directory: directory + "/nope")
        }
        #expect(throws: JointlyError.io(path: file, reason: "is a file, not a folder; --templates takes the folder that holds the *.mustache files")) {
            try TemplateSet.load(directory: file)
        }
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("a folder without templates was accepted")
        } catch let JointlyError.template(name, reason) {
            #expect(name == directory)
            #expect(reason.contains("holds no *.mustache files"))
        }
    }

    @Test("a folder's errors name the file's path")
    func folderErrorsNamePath() throws {
        let directory = try RenderingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "<ul>{{>signatories.html}}</ul>\n"
            .write(toFile: directory + "/statement.html.mustache", atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("a missing partial was accepted")
        } catch let JointlyError.template(name, reason) {
            #expect(name == directory + "/statement.html.mustache")
            #expect(reason.hasPrefix("line 1: partial 'signatories.html' does not exist"))
        }
    }

    @Test(
        "a missing partial is an error, however the tag is spaced",
        arguments: ["{{> missing.html}}", "{{>missing.html}}", "{{>  missing.html  }}", "{{=<% %>=}}<%> missing.html%>"])
    func missingPartial(tag: String) throws {
        let error = try #require(templateError(files(["statement.html.mustache": "<p>\n\(tag)\n</p>\n"])))
        #expect(error.name == "statement.html.mustache")
        #expect(error.reason.hasPrefix("line 2: partial 'missing.html' does not exist"), "\(error.reason)")
        #expect(error.reason.contains("signatory.html"))
    }

    @Test("a partial named in a comment is not a reference")
    func commentedPartial() throws {
        _ = try TemplateSet(files: files(["statement.html.mustache": "{{! {{> missing.html}} }}\n<p>{{title}}</p>\n"]))
    }

    @Test("a Markdown template or partial without the Markdown content type is an error")
    func markdownWithoutContentType() throws {
        let partial = try #require(templateError(files([
            "statement.md.mustache": "{{% CONTENT_TYPE: MARKDOWN }}\n{{#signatories}}\n{{> signatory.md}}\n{{/signatories}}\n",
            "signatory.md.mustache": "- {{name}}\n",
        ])))
        #expect(partial.name == "signatory.md.mustache")
        #expect(partial.reason.contains("does not start with {{% CONTENT_TYPE: MARKDOWN }}"))

        let late = try #require(templateError(files(["statement.md.mustache": "# {{title}}\n{{% CONTENT_TYPE: MARKDOWN }}\n"])))
        #expect(late.name == "statement.md.mustache")
    }

    @Test("a Markdown partial that declares its content type is accepted and escapes")
    func markdownPartialWithContentType() throws {
        let set = try TemplateSet(files: files([
            "statement.md.mustache": "{{% CONTENT_TYPE: MARKDOWN }}\n{{#signatories}}\n{{> signatory.md}}\n{{/signatories}}\n",
            "signatory.md.mustache": "{{! One bullet. }}\n{{% CONTENT_TYPE: MARKDOWN }}\n- {{name}}\n",
        ]))
        let output = try Renderer(templates: set).render(RenderingFixtures.samplePage(), format: .markdown)
        #expect(output.hasPrefix("- \(MarkdownEscaping.escape(RenderingFixtures.hostileName))\n- \\+972 Magazine\n"))
    }

    @Test("partials of the other format are refused")
    func crossFormatPartials() throws {
        let htmlInMarkdown = try #require(templateError(files([
            "statement.md.mustache": "{{% CONTENT_TYPE: MARKDOWN }}\n{{#signatories}}{{> signatory.html}}{{/signatories}}\n",
        ])))
        #expect(htmlInMarkdown.reason.contains("include a Markdown partial"))

        let markdownInHTML = try #require(templateError(files([
            "statement.html.mustache": "{{> part.md}}\n",
            "part.md.mustache": "{{% CONTENT_TYPE: MARKDOWN }}\n{{name}}\n",
        ])))
        #expect(markdownInHTML.reason.contains("does not end in .md"))
    }

    @Test("an unclosed section is an error naming the line it opens on")
    func unclosedSection() throws {
        let error = try #require(templateError(files([
            "statement.html.mustache": "<ul>\n{{#signatories}}\n<li>{{name}}</li>\n</ul>\n",
        ])))
        #expect(error.name == "statement.html.mustache")
        #expect(error.reason == "line 2: section {{#signatories}} is never closed; add {{/signatories}} where it should end")
    }

    @Test("a mismatched closing tag is an error with its line")
    func mismatchedSection() throws {
        let error = try #require(templateError(files([
            "statement.html.mustache": "<p>\n{{#hasUnnamed}}\n{{unnamedLine}}\n{{/hasSignatories}}\n",
        ])))
        #expect(error.reason.hasPrefix("line 4: this closing tag does not match"), "\(error.reason)")
    }

    @Test("a misspelt value is an error naming its line and the name meant")
    func misspeltValue() throws {
        let variable = try #require(templateError(files([
            "statement.html.mustache": "<h1>{{title}}</h1>\n<p>{{issuer}}</p>\n{{#signatories}}{{{nmae}}}{{/signatories}}\n",
        ])))
        #expect(variable.reason
            == "line 3: 'nmae' is not a value Jointly gives templates (did you mean 'name'?), so it would render as nothing; fix the name, or remove the tag")
        let section = try #require(templateError(files(["signatory.html.mustache": "{{#hasWebiste}}<a>{{/hasWebiste}}\n"])))
        #expect(section.name == "signatory.html.mustache")
        #expect(section.reason.hasPrefix("line 1: 'hasWebiste' is not a value Jointly gives templates (did you mean 'hasWebsite'?)"))
        let dotted = try #require(templateError(files(["statement.html.mustache": "{{#t}}{{.}}{{/t}}{{title.lenght}}\n"])))
        #expect(dotted.reason.hasPrefix("line 1: 'lenght' is not a value Jointly gives templates, so"))
    }

    @Test("names every view model gives, the page's strings, anchored names and transforms pass")
    func knownValuesPass() throws {
        for content in [".title", ".", "t.anything-a-coalition-adds", "lowercased(issuer)", "first(signatories)", "signatories",
                        "first()", "last()", "index()", "plusone(index())", "even()", "odd()"] {
            #expect(TemplateNames.problem(content) == nil, "\(content)")
        }
        #expect(TemplateNames.problem("nope()")?.hasPrefix("'nope()' is not a value") == true)
        #expect(TemplateNames.problem("uppercased(titel)")?.hasPrefix("'titel' is not a value") == true)
        // A list separated by commas, as swift-mustache lets a template write it.
        _ = try TemplateSet(files: files(["statement.html.mustache": "{{#signatories}}{{name}}{{^last()}}, {{/last()}}{{/signatories}}\n"]))
        // A comment is not a tag; a set-delimiter tag changes what a tag looks like.
        _ = try TemplateSet(files: files(["statement.html.mustache": "{{! {{nothing}} }}{{=<% %>=}}<% title %><%={{ }}=%>{{.issuer}}{{t.x}}{{lowercased(issuer)}}\n"]))
    }

    @Test("a page's word must be a key of the strings: the defaults' are, a misspelt one is refused")
    func pageWordsAreKeysOfTheStrings() throws {
        let catalog = try StringCatalog.defaults
        try TemplateSet.defaults.checkStrings(catalog)
        let transformed = try TemplateSet(files: files(["index.html.mustache": "<h1>{{uppercased(t.site-titel)}}</h1>\n"]))
        #expect(throws: JointlyError.self) { try transformed.checkStrings(catalog) }
        let set = try TemplateSet(files: files(["index.html.mustache": "<h1>{{t.site-title}}</h1>\n<p>{{t.site-intr}}</p>\n"]))
        do {
            try set.checkStrings(catalog)
            Issue.record("expected a template error")
        } catch let JointlyError.template(name, reason) {
            #expect(name == "index.html.mustache")
            #expect(reason.hasPrefix("line 2: 't.site-intr' is not a key of i18n/en.yml (did you mean 't.site-intro'?)"))
        }
    }

    @Test("TemplateNames lists exactly the names the view models' child(named:) answer")
    func theRegistryMatchesTheViewModels() throws {
        let sources = RenderingFixtures.repositoryRoot.appendingPathComponent("Sources/JointlyKit")
        var answered: Set<String> = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for body in text.components(separatedBy: "func child(named name: String) -> Any? {").dropFirst() {
                // The function's body ends at the first line that closes it, indented four spaces.
                let function = body.components(separatedBy: "\n    }\n").first ?? ""
                for line in function.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("case \"") {
                    let cases = line.split(separator: ":", maxSplits: 1).first ?? ""
                    for quoted in cases.split(separator: "\"").enumerated() where quoted.offset % 2 == 1 {
                        answered.insert(String(quoted.element))
                    }
                }
            }
        }
        #expect(answered.count > 50, "the view models' sources were not found or not read")
        #expect(answered.subtracting(TemplateNames.known).isEmpty, "answered but not in TemplateNames.known: \(answered.subtracting(TemplateNames.known).sorted())")
        #expect(TemplateNames.known.subtracting(answered).isEmpty, "in TemplateNames.known but answered by none: \(TemplateNames.known.subtracting(answered).sorted())")
    }

    @Test("an unknown content type is an error")
    func unknownContentType() throws {
        let error = try #require(templateError(files(["statement.html.mustache": "{{% CONTENT_TYPE: XML }}\n"])))
        #expect(error.reason.hasPrefix("line 1: unknown pragma or content type"))
    }

    @Test("partials that include each other are refused")
    func partialLoop() throws {
        let error = try #require(templateError(files([
            "a.html.mustache": "{{> b.html}}",
            "b.html.mustache": "{{> a.html}}",
        ])))
        #expect(error.reason.contains("loop (a.html → b.html → a.html)"))
    }

    @Test("a set without a statement template is refused")
    func missingStatementTemplate() throws {
        var files = DefaultTemplates.files
        files["statement.html.mustache"] = nil
        let error = try #require(templateError(files))
        #expect(error.name == "statement.html.mustache")
    }

    @Test("writing the defaults never overwrites a file")
    func writeDefaults() throws {
        let directory = try RenderingFixtures.temporaryDirectory() + "/templates"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try DefaultTemplates.write(to: directory)
        #expect(written.count == DefaultTemplates.files.count + DefaultI18nFiles.files.count)
        #expect(FileManager.default.fileExists(atPath: directory + "/i18n/ru.yml"))

        let edited = directory + "/style.css.mustache"
        try "body { color: red; }\n".write(toFile: edited, atomically: true, encoding: .utf8)
        #expect(try DefaultTemplates.write(to: directory).isEmpty)
        #expect(try String(contentsOfFile: edited, encoding: .utf8) == "body { color: red; }\n")

        // The written folder is a complete set, and loads as one.
        _ = try TemplateSet.load(directory: directory)
    }
}
