import Foundation
import Testing

/// `jointly render` as a coordinator runs it, on the example and on hostile names.
@Suite struct RenderCommandTests {
    let slug = "russia-telegram-2018"
    let hostile = "*Bold* [x](javascript:alert(1)) <script>alert(1)</script>"

    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        try sandbox.ok(["sign", slug, "--org", hostile, "--country", "GB", "--email", "secret@hostile.example",
                        "--person", "Private Person"])
        try sandbox.ok(["sign", slug, "--org", "Group At Risk", "--country", "BY", "--unnamed", "--email", "hidden@risk.example"])
        return sandbox
    }

    @Test func initWritesTheDefaultTemplatesWhichRenderTheSame() throws {
        let sandbox = try self.sandbox()
        for name in ["statement.md.mustache", "statement.html.mustache", "signatory.html.mustache", "style.css.mustache"] {
            #expect(FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("templates/\(name)").path))
        }
        let fromFolder = try sandbox.ok(["render", slug, "--format", "html"])
        try FileManager.default.removeItem(at: sandbox.folder.appendingPathComponent("templates"))
        #expect(try sandbox.ok(["render", slug, "--format", "html"]) == fromFolder)
    }

    @Test func theHTMLIsACompleteValidDocumentAndShowsNamesAsTyped() throws {
        let sandbox = try self.sandbox()
        let result = try sandbox.run(["render", slug, "--format", "html", "--output", "out/page.html"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let html = try sandbox.read("out/page.html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.contains("16 organisations from 5 countries"))
        #expect(html.contains("and 1 organisation that cannot be named for its safety"))
        #expect(!html.contains("Group At Risk"))
        #expect(!html.contains("Belarus"))
        #expect(!html.contains("@hostile.example") && !html.contains("@risk.example"))
        #expect(!html.contains("Private Person"))
        #expect(html.contains("Preview: not published"))

        let tidy = Process()
        tidy.executableURL = URL(fileURLWithPath: "/usr/bin/tidy")
        tidy.arguments = ["-errors", "-quiet", sandbox.folder.appendingPathComponent("out/page.html").path]
        let errors = Pipe()
        tidy.standardError = errors
        tidy.standardOutput = FileHandle.nullDevice
        try tidy.run()
        tidy.waitUntilExit()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(tidy.terminationStatus == 0, "tidy: \(report)")
    }

    @Test func theMarkdownShowsNamesAsTypedOnGitHub() throws {
        let sandbox = try self.sandbox()
        let markdown = try sandbox.ok(["render", slug, "--format", "md"])
        #expect(markdown.contains("- \\*Bold\\* \\[x\\](javascript:alert(1)) \\<script>alert(1)\\</script>, United Kingdom\n"))
        #expect(!markdown.contains("Group At Risk"))
        #expect(!markdown.contains("@hostile.example"))
        let cmark = Process()
        cmark.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        cmark.arguments = ["-e", "autolink", "-e", "strikethrough", "-e", "table", "-e", "tagfilter"]
        let input = Pipe(), output = Pipe()
        cmark.standardInput = input
        cmark.standardOutput = output
        try cmark.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        cmark.waitUntilExit()
        #expect(html.contains("<li>*Bold* [x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;, United Kingdom</li>"))
        #expect(!html.contains("<em>") && !html.contains("<a href=\"javascript"))
    }

    @Test func templateProblemsAreOneLineAndExitOne() throws {
        let sandbox = try self.sandbox()
        try sandbox.write("{{% CONTENT_TYPE: MARKDOWN }}\n# {{title}}\n{{> missing.md}}\n", to: "custom/statement.md.mustache")
        let missing = try sandbox.run(["render", slug, "--templates", "custom"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: template custom/statement.md.mustache"))
        #expect(missing.stderr.contains("missing.md"))
        #expect(missing.stderr.split(separator: "\n").count == 1)

        try sandbox.write("# {{title}}\n", to: "plain/statement.md.mustache")
        let undeclared = try sandbox.run(["render", slug, "--templates", "plain"])
        #expect(undeclared.status == 1)
        #expect(undeclared.stderr.contains("CONTENT_TYPE: MARKDOWN"))

        try sandbox.write("x", to: "afile")
        let notAFolder = try sandbox.run(["render", slug, "--templates", "afile"])
        #expect(notAFolder.status == 1)
        #expect(notAFolder.stderr.hasPrefix("error: afile: is a file, not a folder"))
    }

    /// A coalition's template may show who signed; render and build say so, naming the line,
    /// as a signer's name is personal data that Jointly's own templates never publish.
    @Test func aTemplateShowingWhoSignedIsWarnedOf() throws {
        let sandbox = try self.sandbox()
        let quiet = try sandbox.run(["render", slug, "--format", "html"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning"))
        let path = sandbox.folder.appendingPathComponent("templates/signatory.html.mustache")
        let template = try String(contentsOf: path, encoding: .utf8)
        try template.replacingOccurrences(of: "</li>", with: "{{#hasPerson}}, {{person}}{{/hasPerson}}</li>")
            .write(to: path, atomically: true, encoding: .utf8)
        let warning = """
            warning: templates/signatory.html.mustache line 6: {{person}} publishes the name of the person who signed for each organisation; \
            Jointly's own templates leave it out, as it is personal data: keep it only if every signer agreed to be named
            """
        let rendered = try sandbox.run(["render", slug, "--format", "html"])
        #expect(rendered.status == 0 && rendered.stdout.contains(", Private Person"))
        #expect(rendered.stderr == warning + "\n")
        let built = try sandbox.run(["build"])
        #expect(built.status == 0 && built.stderr.contains(warning))

        // A signer's title in the list is theirs too; the statement's own {{title}} is not.
        let markdown = sandbox.folder.appendingPathComponent("templates/statement.md.mustache")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        try text.replacingOccurrences(of: "- {{name}}", with: "- {{name}}{{#hasTitle}}, {{title}}{{/hasTitle}}")
            .write(to: markdown, atomically: true, encoding: .utf8)
        let titled = try sandbox.run(["render", slug, "--format", "md"])
        #expect(titled.stderr.split(separator: "\n") == [
            Substring(warning),
            "warning: templates/statement.md.mustache line 45: {{title}} publishes the title of the person who signed for each organisation; Jointly's own templates leave it out, as it is personal data: keep it only if every signer agreed to be named",
        ])

        // A partial of the coalition's own, rendered for each signatory, is the signer's too.
        let html = sandbox.folder.appendingPathComponent("templates/statement.html.mustache")
        let page = try String(contentsOf: html, encoding: .utf8)
        try page.replacingOccurrences(of: "{{> signatory.html}}", with: "{{> signatory.html}}{{> member.html}}")
            .write(to: html, atomically: true, encoding: .utf8)
        try sandbox.write("{{% CONTENT_TYPE: HTML }}\n<span>{{title}}</span>\n", to: "templates/member.html.mustache")
        let partial = try sandbox.run(["render", slug, "--format", "html"])
        #expect(partial.stderr.contains("warning: templates/member.html.mustache line 2: {{title}} publishes the title"))
    }

    @Test func anUnknownStatementOrLanguageIsOneLine() throws {
        let sandbox = try self.sandbox()
        let unknown = try sandbox.run(["render", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no statement 'nope': see 'jointly statement list', or add it with 'jointly statement add FILE'\n")
        let language = try sandbox.run(["render", slug, "--lang", "fr"])
        #expect(language.status == 1)
        #expect(language.stderr == "error: lang 'fr': '\(slug)' has no text in that language; it has: en\n")
    }
}
