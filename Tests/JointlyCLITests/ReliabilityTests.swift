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
        while importer.isRunning {
            seen.insert(try signatureCount(sandbox))
        }
        seen.insert(try signatureCount(sandbox))
        #expect(importer.terminationStatus == 0, "\((try? sandbox.read("import.err")) ?? "")")
        #expect(seen.isSubset(of: [15, 15 + Self.importRows]), "readers saw \(seen.sorted())")
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
        for _ in 0..<Self.kills {
            let importer = try bash("exec \"$J\" import \(slug) big.csv --verified 2>/dev/null", in: sandbox)
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...max(0.1, duration), using: &generator))
            kill(importer.processIdentifier, SIGKILL)
            importer.waitUntilExit()
            let check = try sandbox.run(["db", "check"])
            #expect(check.status == 0, "\(check.stderr)")
            let count = try signatureCount(sandbox)
            #expect(count == 15 || count == 15 + Self.importRows, "after a kill: \(count) signatures")
            outcomes.append(count)
            if count != 15 { break }  // it finished before the kill: nothing more to interrupt
        }
        #expect(!outcomes.isEmpty)
    }
}
