import Foundation
import Testing

/// Names that are legitimate but dangerous in some output: stored as typed, shown as
/// typed. The HTML is read by a real HTML5 parser (html5lib), the Markdown by cmark-gfm,
/// the CSV by Python's csv module, and a CSV round trip must give the names back.
@Suite struct HostileNameTests {
    static let slug = "russia-telegram-2018"
    static let names = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "</li></ul><h1>Fake</h1>",
        "<!-- hidden -->",
        "*Bold* Group",
        "_Underscored_ Union",
        "[Click](javascript:alert(1))",
        "![Image](https://example.org/x.png)",
        "# Heading Group",
        "1. Ordered Group",
        "- Listed Group",
        "> Quoted Group",
        "`Code` Collective",
        "~~Struck~~ Network",
        "Pipe | Table Group",
        "Back\\slash Group",
        "$Math$ Group",
        "+972 Magazine",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "-1 Collective",
        "@Handle Group",
        "Reporters & Co",
        "AT&amp;T Workers",
        "&#60;Entity&#62; Group",
        "\"Quoted\" Foundation",
        "O'Brien Institute",
        "مرصد\u{200D}الحقوق",
        "क्‍षेत्र संगठन",
        "ОВД-Инфо",
        "Ünïcödé Association",
        "中国人权",
        "www.example.org Group",
        "http://example.org Group",
    ]

    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(Self.slug).md"])
        for name in Self.names {
            // `--org=NAME` keeps a name that starts with "-" from reading as a flag.
            try sandbox.ok(["sign", Self.slug, "--org=\(name)", "--country", "GB"])
        }
        let json = try JSONSerialization.data(withJSONObject: Self.names)
        try json.write(to: sandbox.folder.appendingPathComponent("names.json"))
        return sandbox
    }

    func python(_ arguments: [String], in sandbox: Sandbox) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = sandbox.folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static let checker = Sandbox.repositoryRoot.appendingPathComponent("Tests/Tools/text_nodes.py").path

    @Test func namesAreStoredExactlyAsTyped() throws {
        let sandbox = try sandbox()
        let json = try sandbox.ok(["signatories", Self.slug, "--format", "json"])
        let stored = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]).compactMap { $0["organisation"] as? String }
        #expect(Set(stored) == Set(Self.names))
    }

    @Test func theHTMLShowsEachNameAsText() throws {
        let sandbox = try sandbox()
        try sandbox.ok(["render", Self.slug, "--format", "html", "--output", "page.html"])
        let result = try python([Self.checker, "page.html", "names.json"], in: sandbox)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func theMarkdownShowsEachNameAsTextOnGitHub() throws {
        let sandbox = try sandbox()
        try sandbox.ok(["render", Self.slug, "--format", "md", "--output", "page.md"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        process.arguments = ["-e", "autolink", "-e", "strikethrough", "-e", "table", "-e", "tagfilter", "page.md"]
        process.currentDirectoryURL = sandbox.folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try html.write(to: sandbox.folder.appendingPathComponent("page-md.html"))
        let result = try python([Self.checker, "page-md.html", "names.json"], in: sandbox)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func theCSVNeutralisesFormulasAndImportRestoresThem() throws {
        let sandbox = try sandbox()
        try Data(try sandbox.ok(["signatories", Self.slug, "--format", "csv"]).utf8).write(to: sandbox.folder.appendingPathComponent("list.csv"))
        let script = """
            import csv, json, sys
            names = json.load(open('names.json', encoding='utf-8'))
            rows = list(csv.DictReader(open('list.csv', newline='', encoding='utf-8')))
            cells = {row['organisation'] for row in rows}
            for name in names:
                cell = "'" + name if name[0] in '=+-@\\t\\r' else name
                if cell not in cells:
                    print('missing cell', repr(cell))
            """
        let result = try python(["-c", script], in: sandbox)
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")

        let fresh = try Sandbox()
        try fresh.ok(["init"])
        try fresh.ok(["statement", "add", "statements/\(Self.slug).md"])
        try FileManager.default.copyItem(at: sandbox.folder.appendingPathComponent("list.csv"), to: fresh.folder.appendingPathComponent("list.csv"))
        let csv = try fresh.read("list.csv")
        // The coordinator's list has columns import does not take; keep the ones it does.
        let trimmed = csv.replacingOccurrences(of: "organisation,", with: "org,")
        try fresh.write(trimmed, to: "list.csv")
        try fresh.ok(["import", Self.slug, "list.csv", "--verified"])
        let json = try fresh.ok(["signatories", Self.slug, "--format", "json"])
        let restored = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]).compactMap { $0["organisation"] as? String }
        #expect(Set(restored) == Set(Self.names))
    }
}
