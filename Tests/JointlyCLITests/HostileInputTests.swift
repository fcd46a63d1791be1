import Foundation
import Testing

/// Input that cannot be right, from `Tests/Fixtures/bad/`: each case is a folder with
/// `args` (one argument a line), the `files` it needs, and the `expected` standard error.
/// Every case must exit 1 with exactly that message and leave the database unchanged.
/// `RECORD_GOLDEN=1` writes `expected` and still fails, so a recording is never a pass.
@Suite struct HostileInputTests {
    static let corpus = Sandbox.repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")
    static let slug = "russia-telegram-2018"

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A project with the example loaded, copied for each case rather than rebuilt.
    static let template: Result<URL, any Error> = Result {
        let sandbox = try Sandbox()
        for arguments in [["init"], ["statement", "add", "statements/\(slug).md"],
                          ["import", slug, "statements/\(slug).signatories.csv", "--verified"]] {
            let result = try sandbox.run(arguments)
            if result.status != 0 { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": result.stderr]) }
        }
        return sandbox.folder
    }

    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try FileManager.default.removeItem(at: sandbox.folder)
        try FileManager.default.copyItem(at: try Self.template.get(), to: sandbox.folder)
        return sandbox
    }

    func check(_ name: String, arguments: [String], in sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(arguments)
        #expect(result.status == 1, "\(name): exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(name)", sourceLocation: sourceLocation)
        #expect(try sandbox.databaseBytes() == before, "\(name) changed the database", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "\(name)", sourceLocation: sourceLocation)
        let expectedURL = Self.corpus.appendingPathComponent(name).appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(result.stderr.utf8).write(to: expectedURL)
            Issue.record("recorded \(name)/expected; check it and run again without RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.stderr == expected, "\(name)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("error: ") }, "\(name)", sourceLocation: sourceLocation)
    }

    @Test(arguments: caseNames)
    func everyBadInputIsOneClearLineAndChangesNothing(name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let arguments = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let sandbox = try sandbox()
        let files = folder.appendingPathComponent("files")
        if FileManager.default.fileExists(atPath: files.path) {
            for path in try FileManager.default.subpathsOfDirectory(atPath: files.path) {
                var isDirectory: ObjCBool = false
                let source = files.appendingPathComponent(path)
                guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let target = sandbox.folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
        try check(name, arguments: arguments, in: sandbox)
    }

    /// An option given twice kept the last value without a word: `--email a --email b`
    /// lost a contact address, `--demands a --demands b` the first demands.
    @Test func anOptionGivenTwiceIsRefused() throws {
        let sandbox = try sandbox()
        let before = try sandbox.databaseBytes()
        let twice = try sandbox.run(["sign", Self.slug, "--org", "Group", "--email", "a@one.example", "--email=b@two.example"])
        #expect(twice.status == 64)
        #expect(twice.stderr.hasPrefix("Error: --email is given 2 times ('a@one.example', 'b@two.example'), and only one would count; give it once\n"))
        // The usage shown is the command's, as for the parser's own errors, not the root's.
        #expect(twice.stderr.contains("Usage: jointly sign "), "\(twice.stderr)")
        let nested = try sandbox.run(["org", "edit", "Group", "--website", "https://a.example", "--website", "https://b.example"])
        #expect(nested.status == 64 && nested.stderr.contains("Usage: jointly org edit "), "\(nested.stderr)")
        let output = try sandbox.run(["render", Self.slug, "-o", "a.md", "--output", "b.md"])
        #expect(output.status == 64 && output.stderr.hasPrefix("Error: --output is given 2 times ('a.md', 'b.md')"), "\(output.stderr)")
        // Asked to be unnamed and not: a group at risk must not be published by the last word.
        let both = try sandbox.run(["sign", Self.slug, "--org", "Group", "--unnamed", "--no-unnamed"])
        #expect(both.status == 64 && both.stderr.hasPrefix("Error: --no-unnamed and --unnamed are both given, and only the last would count; give one\n"), "\(both.stderr)")
        #expect(try sandbox.databaseBytes() == before)
        // --map is for giving more than once; after `--`, words are not options.
        try sandbox.write("Your organisation,Where\nGroup,DE\n", to: "mapped.csv")
        try sandbox.ok(["import", Self.slug, "mapped.csv", "--map", "Your organisation=org", "--map", "Where=country", "--dry-run"])
        let terminated = try sandbox.run(["sign", Self.slug, "--org", "a", "--", "--org", "b"])
        #expect(!terminated.stderr.contains("is given"), "\(terminated.stderr)")
        // A value spelled like an option is the option's value, not the option again: the
        // parser's own word on it stands.
        let spelled = try sandbox.run(["sign", Self.slug, "--org", "Group", "--person", "--person"])
        #expect(spelled.status == 64 && spelled.stderr.hasPrefix("Error: Missing value for '--person <name>'"), "\(spelled.stderr)")
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func aTenMegabyteFieldIsRefusedWithoutReadingItAll() throws {
        let sandbox = try sandbox()
        try sandbox.write("org,country\n\"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\",GB\n", to: "huge.csv")
        let result = try sandbox.run(["import", Self.slug, "huge.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: huge.csv:2: field is longer than 1048576 bytes, the most Jointly reads: if it starts with a quote, check that the quote is closed\n")
    }

    @Test func aThousandColumnsAreRefusedInOneLine() throws {
        let sandbox = try sandbox()
        try sandbox.write((0..<1000).map { "column \($0)" }.joined(separator: ",") + "\n", to: "wide.csv")
        let result = try sandbox.run(["import", Self.slug, "wide.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.utf8.count < 1000, "the message should not list a thousand headers")
    }

    @Test func aFiveMegabyteStatementIsRefused() throws {
        let sandbox = try sandbox()
        let text = try sandbox.read("statements/\(Self.slug).md") + String(repeating: "A long body. ", count: 400_000)
        try sandbox.write(text, to: "statements/\(Self.slug).md")
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(["statement", "add", "statements/\(Self.slug).md"])
        #expect(result.status == 1)
        let kib = text.utf8.count / 1024
        #expect(kib > 5000)
        #expect(result.stderr == "error: statements/\(Self.slug).md: the file is \(kib) KiB; a statement file can be at most 1024 KiB (is this the right file?)\n")
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func aDatabaseFromAFutureJointlyIsRefusedUntouched() throws {
        let sandbox = try sandbox()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [sandbox.folder.appendingPathComponent("jointly.sqlite").path, "INSERT INTO grdb_migrations VALUES ('v99')"]
        try process.run()
        process.waitUntilExit()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(["signatories", Self.slug])
        #expect(result.status == 1)
        #expect(result.stderr == "error: jointly.sqlite was written by a newer Jointly (schema 'v99'); upgrade jointly to open it — the file was not changed\n")
        #expect(try sandbox.databaseBytes() == before)
    }
}
