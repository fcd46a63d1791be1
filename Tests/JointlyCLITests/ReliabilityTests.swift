import Foundation
import Testing

/// Nothing lost under concurrent writers and crashes. Sizes are CI's unless
/// `JOINTLY_STRESS=1` (`make stress`) asks for the full ones.
@Suite(.serialized) struct ReliabilityTests {
    static let stress = ProcessInfo.processInfo.environment["JOINTLY_STRESS"] == "1"
    static let writers = stress ? 8 : 4
    static let signsPerWriter = stress ? 200 : 50
    static let importRows = stress ? 100_000 : 10_000
    static let kills = stress ? 20 : 5
    let slug = "russia-telegram-2018"

    func loaded() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        return sandbox
    }

    /// Runs a bash script in the sandbox folder with `$J` set to the binary.
    func bash(_ script: String, in sandbox: Sandbox) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = sandbox.folder
        var environment = ProcessInfo.processInfo.environment
        environment["J"] = Sandbox.binary.path
        environment["USER"] = "tester"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func signatureCount(_ sandbox: Sandbox) throws -> Int {
        let csv = try sandbox.ok(["signatories", slug, "--status", "all", "--format", "csv"])
        return csv.split(separator: "\r\n").count - 1
    }

    /// The verified count `statement list` reports: a cheap read, so many fit in one import.
    func verifiedCount(_ sandbox: Sandbox) throws -> Int {
        let csv = try sandbox.ok(["statement", "list", "--format", "csv"])
        let row = csv.split(separator: "\r\n").dropFirst().first.map { $0.split(separator: ",") } ?? []
        return row.count > 4 ? Int(row[4]) ?? -1 : -1
    }

    /// A CSV of `rows` distinct organisations.
    func bigFile(_ rows: Int, prefix: String) -> String {
        var text = "org,country,kind,demands\n"
        text.reserveCapacity(rows * 48)
        let countries = ["GB", "US", "RU", "DE", "FR", "UA", "BR", "IN"]
        for index in 0..<rows {
            text += "\"\(prefix) Organisation \(index), Ltd\",\(countries[index % countries.count]),ngo,unblock-telegram;repeal-vpn-ban\n"
        }
        return text
    }

    @Test func concurrentWritersLoseNothingAndNeverSeeALock() throws {
        let sandbox = try loaded()
        let writers = try (0..<Self.writers).map { writer in
            try bash("""
                for i in $(seq 1 \(Self.signsPerWriter)); do
                  "$J" sign \(slug) --org "Writer \(writer) Org $i" --country GB 2>>writer-\(writer).err || echo "exit $?" >>writer-\(writer).err
                done
                """, in: sandbox)
        }
        let reader = try bash("""
            for i in $(seq 1 30); do
              "$J" signatories \(slug) >/dev/null 2>>reader.err || echo "exit $?" >>reader.err
              "$J" render \(slug) --format html >/dev/null 2>>reader.err || echo "exit $?" >>reader.err
            done
            """, in: sandbox)
        for process in writers + [reader] { process.waitUntilExit() }
        for writer in 0..<Self.writers {
            let errors = (try? sandbox.read("writer-\(writer).err")) ?? ""
            let ok = errors.split(separator: "\n").allSatisfy { $0.contains("signed \(slug)") }
            #expect(ok, "writer \(writer): \(errors.split(separator: "\n").filter { !$0.contains("signed ") }.prefix(3))")
            #expect(!errors.contains("locked"))
        }
        #expect(((try? sandbox.read("reader.err")) ?? "").isEmpty)
        #expect(try signatureCount(sandbox) == 15 + Self.writers * Self.signsPerWriter)
        #expect(try sandbox.run(["db", "check"]).status == 0)
    }

    @Test func readersNeverSeeAHalfWrittenImport() throws {
        let sandbox = try loaded()
        try sandbox.write(bigFile(Self.importRows, prefix: "Bulk"), to: "big.csv")
        let importer = try bash("\"$J\" import \(slug) big.csv --verified 2>import.err", in: sandbox)
        var seen = Set<Int>()
        var readsDuringImport = 0
        while importer.isRunning {
            seen.insert(try verifiedCount(sandbox))
            readsDuringImport += 1
        }
        seen.insert(try verifiedCount(sandbox))
        #expect(importer.terminationStatus == 0, "\((try? sandbox.read("import.err")) ?? "")")
        // Without reads while the import ran, this test would prove nothing.
        #expect(readsDuringImport >= 2, "only \(readsDuringImport) reads during the import")
        #expect(seen.isSubset(of: [15, 15 + Self.importRows]), "readers saw \(seen.sorted())")
    }

    /// Waits until process `pid` has the sandbox's database open: by then the command has
    /// set up how it answers an interrupt (it does so before opening the database).
    func waitForDatabase(_ pid: Int32, in sandbox: Sandbox) throws {
        let database = sandbox.folder.appendingPathComponent("jointly.sqlite").resolvingSymlinksInPath().path
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            if fds.contains(where: { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")) == database }) { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
        Issue.record("process \(pid) never opened the database")
    }

    /// An import reading its rows from a pipe (`rows.fifo`, made if missing): started with
    /// `options`, after a `shell` prefix, standard error to `errors`; fed `rows` and left
    /// waiting for more, with the database open. Close the returned handle to end its input.
    func fedImport(_ options: String = "", shell: String = "", rows: String, errors: String, in sandbox: Sandbox) throws -> (Process, FileHandle) {
        let fifo = sandbox.folder.appendingPathComponent("rows.fifo").path
        if !FileManager.default.fileExists(atPath: fifo) { #expect(mkfifo(fifo, 0o600) == 0) }
        let importer = try bash("\(shell)exec \"$J\" import \(slug) - \(options) < rows.fifo 2>\(errors)", in: sandbox)
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data(rows.utf8))
        try waitForDatabase(importer.processIdentifier, in: sandbox)
        return (importer, writer)
    }

    /// Waits for `process` to end; kills it after `seconds` so a command deaf to an
    /// interrupt fails the test instead of hanging it.
    func waitForExit(_ process: Process, seconds: Double = 60) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            Issue.record("process \(process.processIdentifier) did not stop when interrupted")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Ctrl-C during an import says what became of it. Before the commit: nothing was
    /// imported. In the commit (and the checkpoint SQLite runs inside it) the interrupt
    /// waits, and the command prints its summary and that the import was saved, with the
    /// batch to undo: it exited 130 with nothing said although the import was in.
    @Test func anInterruptedImportSaysWhetherItWasSaved() throws {
        let sandbox = try loaded()
        // Reading its standard input, an import is certainly before its commit.
        let (waiting, writer) = try fedImport(rows: "org,country\nHalf Way Group,DE\n", errors: "waiting.err", in: sandbox)
        kill(waiting.processIdentifier, SIGINT)
        waitForExit(waiting)
        try writer.close()
        #expect(waiting.terminationReason == .uncaughtSignal && waiting.terminationStatus == SIGINT)
        #expect(try sandbox.read("waiting.err") == "interrupted: nothing was imported\n")
        #expect(try signatureCount(sandbox) == 15)

        // At random moments of a whole import: each outcome says exactly what happened.
        try sandbox.write(bigFile(Self.importRows, prefix: "Stopped"), to: "big.csv")
        let database = sandbox.folder.appendingPathComponent("jointly.sqlite")
        let pristine = sandbox.folder.appendingPathComponent("pristine.sqlite")
        try FileManager.default.copyItem(at: database, to: pristine)
        let started = Date()
        try sandbox.ok(["import", slug, "big.csv", "--dry-run"])
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        // Each try starts from the database before the import, however the last one ended.
        func restore() throws {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(at: URL(fileURLWithPath: database.path + suffix))
            }
            try FileManager.default.copyItem(at: pristine, to: database)
        }
        for _ in 0..<Self.kills * 2 {
            let importer = try bash("exec \"$J\" import \(slug) big.csv 2>import.err", in: sandbox)
            try waitForDatabase(importer.processIdentifier, in: sandbox)
            // Within the run's time, so the signal reaches this import and not a later process.
            Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 0.9), using: &generator))
            guard importer.isRunning else {
                // It finished first (a real import can be quicker than the dry run timed above).
                importer.waitUntilExit()
                try restore()
                continue
            }
            kill(importer.processIdentifier, SIGINT)
            waitForExit(importer)
            let said = try sandbox.read("import.err")
            let count = try signatureCount(sandbox)
            if said.hasSuffix("interrupted: nothing was imported\n") {
                #expect(importer.terminationReason == .uncaughtSignal && importer.terminationStatus == SIGINT)
                #expect(count == 15, "\(said)")
            } else {
                #expect(said.contains("imported \(Self.importRows) rows: \(Self.importRows) new signatures"), "\(said)")
                #expect(count == 15 + Self.importRows)
                // Interrupted in the commit (it waited, then said so), after the command had
                // reported (killed by the signal, its summary said), or not at all.
                if importer.terminationReason == .exit && importer.terminationStatus == 130 {
                    #expect(said.hasSuffix("interrupted after the import was saved (batch 2); 'jointly batch undo 2' takes it back\n"), "\(said)")
                } else if importer.terminationReason == .uncaughtSignal {
                    #expect(importer.terminationStatus == SIGINT && !said.contains("interrupted"), "\(said)")
                } else {
                    #expect(importer.terminationStatus == 0, "\(said)")
                }
                try restore()
            }
        }
        #expect(try sandbox.run(["db", "check"]).status == 0)
    }

    /// A dry run writes into a copy of the database it throws away, so it never takes the
    /// write lock: a `sign` beside a long `--dry-run` import waited for all of it (the
    /// busy timeout, 30 s), then failed with "database is locked".
    @Test func aDryRunImportNeverHoldsUpASignature() throws {
        let sandbox = try loaded()
        let before = try sandbox.ok(["signatories", slug, "--status", "all", "--format", "csv"])
        // More than the 64 KiB an import reads ahead to sniff the format: it is importing,
        // and waits for more rows, inside its transaction.
        let (dryRun, writer) = try fedImport("--dry-run", rows: bigFile(4_000, prefix: "Dry"), errors: "dry.err", in: sandbox)
        Thread.sleep(forTimeInterval: 1)
        let started = Date()
        let sign = try sandbox.run(["sign", slug, "--org", "Signed Meanwhile", "--country", "DE"])
        #expect(sign.status == 0, "\(sign.stderr)")
        #expect(Date().timeIntervalSince(started) < 15)
        writer.write(Data("\"Dry Last Row\",DE,ngo,unblock-telegram\n".utf8))
        try writer.close()
        waitForExit(dryRun)
        #expect(dryRun.terminationStatus == 0)
        let said = try sandbox.read("dry.err")
        #expect(said.hasPrefix("would import 4001 rows: 4001 new signatures, 4001 new organisations"), "\(said)")
        let after = try sandbox.ok(["signatories", slug, "--status", "all", "--format", "csv"])
        #expect(after.split(separator: "\r\n").count == before.split(separator: "\r\n").count + 1)
        #expect(after.contains("Signed Meanwhile") && !after.contains("Dry"))
        #expect(leftovers(sandbox).isEmpty, "left behind: \(leftovers(sandbox))")

        // Interrupted, a dry run leaves no copy (it holds e-mail addresses); killed, the next
        // import removes what it left.
        for (signal, message) in [(SIGINT, "interrupted: nothing was written (dry run)\n"), (SIGKILL, "")] {
            let (stopped, rows) = try fedImport("--dry-run", rows: bigFile(4_000, prefix: "Stopped"), errors: "stopped.err", in: sandbox)
            Thread.sleep(forTimeInterval: 1)
            #expect(leftovers(sandbox).count == 1, "the dry run's copy: \(leftovers(sandbox))")
            kill(stopped.processIdentifier, signal)
            waitForExit(stopped)
            try rows.close()
            #expect(try sandbox.read("stopped.err") == message)
            if signal == SIGINT { #expect(leftovers(sandbox).isEmpty, "left behind: \(leftovers(sandbox))") }
        }
        #expect(leftovers(sandbox).count == 1)
        // Any next command removes it, not only an import: a coordinator may not import again for weeks.
        try sandbox.ok(["statement", "list"])
        #expect(leftovers(sandbox).isEmpty, "left behind: \(leftovers(sandbox))")
        try sandbox.write("org,country\nLast Group,DE\n", to: "last.csv")
        try sandbox.ok(["import", slug, "last.csv", "--dry-run"])
        #expect(leftovers(sandbox).isEmpty, "left behind: \(leftovers(sandbox))")
        #expect(try sandbox.run(["db", "check"]).status == 0)
    }

    /// The hidden files a command writes beside the database (a dry run's copy).
    func leftovers(_ sandbox: Sandbox) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path)) ?? []).filter { $0.contains(".jointly-") }
    }

    /// `nohup jointly import …`: an ignored hangup stays ignored (taking over the signal
    /// for Ctrl-C made it end the import).
    @Test func anImportKeepsAnIgnoredHangupIgnored() throws {
        let sandbox = try loaded()
        let (importer, writer) = try fedImport(
            shell: "trap '' HUP; ", rows: "org,country\nHung Up Group,DE\n", errors: "import.err", in: sandbox)
        kill(importer.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(importer.isRunning)
        try writer.close()
        waitForExit(importer)
        #expect(importer.terminationReason == .exit && importer.terminationStatus == 0, "\((try? sandbox.read("import.err")) ?? "")")
        #expect(try signatureCount(sandbox) == 16)
    }

    @Test func anImportKilledAtAnyMomentLeavesAllOrNothing() throws {
        let sandbox = try loaded()
        try sandbox.write(bigFile(Self.importRows, prefix: "Killed"), to: "big.csv")
        // How long a whole import takes here, to spread the kills over it.
        let started = Date()
        let probe = try Sandbox()
        try probe.ok(["init"])
        try probe.ok(["statement", "add", "statements/\(slug).md"])
        try FileManager.default.copyItem(at: sandbox.folder.appendingPathComponent("big.csv"), to: probe.folder.appendingPathComponent("big.csv"))
        try probe.ok(["import", slug, "big.csv"])
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var outcomes: [Int] = []
        let database = sandbox.folder.appendingPathComponent("jointly.sqlite")
        let pristine = sandbox.folder.appendingPathComponent("pristine.sqlite")
        try FileManager.default.copyItem(at: database, to: pristine)
        // Kills land at random within this window; it shrinks whenever an import finished
        // first, so a machine busier during the probe than now still mostly kills mid-import.
        var window = max(0.1, duration * 0.8)
        // Kills go on until `kills` of them landed inside an import (at most three times as
        // many tries): on a shared machine an import's time varies, and a kill after it
        // finished proves nothing, so counting tries alone made this test flaky.
        var attempts = 0
        while outcomes.filter({ $0 == 15 }).count < Self.kills && attempts < Self.kills * 3 {
            attempts += 1
            let importer = try bash("exec \"$J\" import \(slug) big.csv --verified 2>/dev/null", in: sandbox)
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...max(0.06, window), using: &generator))
            kill(importer.processIdentifier, SIGKILL)
            importer.waitUntilExit()
            let check = try sandbox.run(["db", "check"])
            #expect(check.status == 0, "\(check.stderr)")
            let count = try signatureCount(sandbox)
            #expect(count == 15 || count == 15 + Self.importRows, "after a kill: \(count) signatures")
            outcomes.append(count)
            if count != 15 {
                window *= 0.6
                // The import finished before the kill: start the next round from before it.
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(at: URL(fileURLWithPath: database.path + suffix))
                }
                try FileManager.default.copyItem(at: pristine, to: database)
            }
        }
        // Enough kills must land inside the import, or the test proves little.
        #expect(outcomes.filter { $0 == 15 }.count >= Self.kills, "kills inside the import: \(outcomes)")
        #expect(!outcomes.isEmpty)
    }
}

extension ReliabilityTests {
    /// Every regular file under `folder`, by relative path, with its bytes.
    func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func aBuildKilledMidwayLeavesEveryFileWholeOldOrNew() throws {
        let sandbox = try loaded()
        try sandbox.write(bigFile(Self.stress ? 20_000 : 2_000, prefix: "Site"), to: "more.csv")
        try sandbox.ok(["publish", slug, "--date", "2018-04-30"])
        try sandbox.ok(["build", "--output", "site", "--no-pdf"])
        try sandbox.write("keep me", to: "site/CNAME")
        let old = try files(in: sandbox.folder.appendingPathComponent("site"))
        try sandbox.ok(["import", slug, "more.csv", "--verified"])
        try sandbox.ok(["publish", slug, "--date", "2018-05-16"])
        try sandbox.ok(["build", "--output", "reference", "--no-pdf"])
        let new = try files(in: sandbox.folder.appendingPathComponent("reference"))
        let started = Date()
        try sandbox.ok(["build", "--output", "timing", "--no-pdf"])
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<Self.kills {
            let builder = try bash("exec \"$J\" build --output site --no-pdf 2>/dev/null", in: sandbox)
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...max(0.05, duration * 0.9), using: &generator))
            kill(builder.processIdentifier, SIGKILL)
            builder.waitUntilExit()
            let now = try files(in: sandbox.folder.appendingPathComponent("site"))
            for path in old.keys where path != ".jointly-site" {
                #expect(now[path] != nil, "\(path) of the previous site is gone")
            }
            for (path, data) in now where !path.hasPrefix(".") && !path.contains(".jointly-tmp") && path != "CNAME" {
                #expect(data == old[path] || data == new[path], "\(path) is neither the old nor the new file")
            }
            #expect(now["CNAME"] == Data("keep me".utf8))
        }
        try sandbox.ok(["build", "--output", "site", "--no-pdf"])
        let finished = try files(in: sandbox.folder.appendingPathComponent("site"))
        for (path, data) in new where !path.hasPrefix(".") {
            #expect(finished[path] == data, "\(path) differs from a clean build")
        }
    }
}

extension ReliabilityTests {
    @Test func noContactDetailLeavesThroughAnyPublicOutput() throws {
        let sandbox = try loaded()
        let rows = Self.stress ? 100_000 : 10_000
        var csv = "org,country,email,person,unnamed\n"
        for index in 0..<rows {
            csv += "Private Org \(index),GB,contact\(index)@private.example,Person \(index),false\n"
        }
        // Groups that asked to be unnamed: counted on the site, never named anywhere public.
        for index in 0..<100 {
            csv += "Unnamed Group \(index),BY,,,true\n"
        }
        try sandbox.write(csv, to: "private.csv")
        try sandbox.ok(["import", slug, "private.csv", "--verified"])
        let sql = "INSERT INTO contact (organisationId, phone, note, createdAt) SELECT id, 'tel-' || id || '-phone', 'note-' || id || '-secret', '2018-05-01' FROM organisation"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [sandbox.folder.appendingPathComponent("jointly.sqlite").path, sql]
        try process.run()
        process.waitUntilExit()
        try sandbox.ok(["publish", slug, "--date", "2018-05-16"])
        try sandbox.ok(["build", "--output", "site", "--no-pdf"])
        try sandbox.ok(["render", slug, "--format", "html", "--output", "out/page.html"])
        try sandbox.ok(["render", slug, "--format", "md", "--output", "out/page.md"])
        try sandbox.ok(["export", slug, "--output", "out/export.csv"])
        try sandbox.ok(["export", slug, "--format", "json", "--output", "out/export.json"])
        var scanned = 0
        for folder in ["site", "out"] {
            for (path, data) in try files(in: sandbox.folder.appendingPathComponent(folder)) {
                let text = String(decoding: data, as: UTF8.self)
                scanned += 1
                #expect(!text.contains("@private.example"), "\(folder)/\(path) holds an e-mail")
                #expect(!text.contains("-phone"), "\(folder)/\(path) holds a phone number")
                #expect(!text.contains("-secret"), "\(folder)/\(path) holds a contact note")
                #expect(!text.contains("Person 1"), "\(folder)/\(path) holds a signer's name")
                #expect(!text.contains("Unnamed Group"), "\(folder)/\(path) names a group that asked to be unnamed")
            }
        }
        #expect(scanned > rows)
    }
}

extension ReliabilityTests {
    @Test func aBackupTakenWhileOthersWriteIsConsistent() throws {
        let sandbox = try loaded()
        let writers = try (0..<2).map { writer in
            try bash("""
                for i in $(seq 1 \(Self.signsPerWriter)); do "$J" sign \(slug) --org "Backup \(writer) Org $i" 2>/dev/null; done
                """, in: sandbox)
        }
        Thread.sleep(forTimeInterval: 0.5)
        let backup = try sandbox.run(["db", "backup", "copy.sqlite"])
        for writer in writers { writer.waitUntilExit() }
        #expect(backup.status == 0, "\(backup.stderr)")
        let check = try sandbox.run(["db", "check", "--db", "copy.sqlite"])
        #expect(check.status == 0, "\(check.stderr)")
        let copied = try sandbox.ok(["signatories", slug, "--status", "all", "--format", "csv", "--db", "copy.sqlite"])
            .split(separator: "\r\n").count - 1
        #expect(copied >= 15 && copied <= 15 + 2 * Self.signsPerWriter)
    }
}
