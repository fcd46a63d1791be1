import Foundation
import Testing

/// What one run of the `jointly` binary did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A temporary project folder and the built `jointly` binary, run as a user would.
struct Sandbox {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The `jointly` binary: `$JOINTLY_BINARY` (`make test` points it at the release
    /// build), else the one built beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["JOINTLY_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: repositoryRoot)
        }
        let directory = Bundle.main.bundleURL.hasDirectoryPath
            ? Bundle.main.bundleURL : Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("jointly")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/jointly")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `jointly ARGUMENTS` in the folder, with `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JOINTLY_DB")
        env["USER"] = "tester"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs and expects success, returning standard output.
    @discardableResult
    func ok(_ arguments: [String], input: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "jointly \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Writes a file into the folder.
    func write(_ text: String, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Reads a file of the folder.
    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The database file's bytes, to prove a failed command changed nothing.
    func databaseBytes(_ name: String = "jointly.sqlite") throws -> Data {
        // A WAL database keeps recent commits in the -wal file; checkpointing through
        // sqlite3 would change the file, so both files are compared as they are.
        let main = (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
        let wal = (try? Data(contentsOf: folder.appendingPathComponent(name + "-wal"))) ?? Data()
        return main + wal
    }
}
