import Foundation

/// The PDF edition of a statement, printed by headless Chromium from the page's print styles.
enum PrintedEdition {
    /// The Chromium to print with: `$JOINTLY_CHROMIUM`, else the first of the usual names on `PATH`.
    static func findChromium() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["JOINTLY_CHROMIUM"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders {
                let candidate = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// How long Chromium may take to print a page listing `rows` signatories: two minutes,
    /// and 2 ms a row more (measured here: about 0.7 ms a row, 7 s for 10,000), so a long
    /// list is not cut off at a limit made for short ones (100,000 rows failed at 120 s).
    static func timeout(rows: Int) -> TimeInterval {
        120 + 0.002 * Double(rows)
    }

    /// Prints the page at `html` to `pdf` with `chromium`; gives up after `timeout` seconds.
    static func print(html: String, to pdf: String, chromium: String, timeout: TimeInterval = 120) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
            URL(fileURLWithPath: html).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw JointlyError.io(path: chromium, reason: "cannot run Chromium to print the PDF (\(error.localizedDescription))")
        }
        // Chromium and its helper processes end with the build, Ctrl-C or not.
        InterruptCleanup.registerChild(process.processIdentifier)
        defer { InterruptCleanup.clearChild() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                InterruptCleanup.terminate(process.processIdentifier)
                process.waitUntilExit()
                throw JointlyError.io(path: pdf, reason: "Chromium took more than \(Int(timeout)) s to print (build with --no-pdf to skip PDF editions)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let how = process.terminationReason == .uncaughtSignal
            ? "it was killed by signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            throw JointlyError.io(path: pdf, reason: "Chromium could not print the page (\(how); build with --no-pdf to skip PDF editions)")
        }
        // Only a PDF is published as one.
        let head = FileHandle(forReadingAtPath: pdf).flatMap { try? $0.read(upToCount: 5) } ?? Data()
        guard head == Data("%PDF-".utf8) else {
            throw JointlyError.io(path: pdf, reason: "Chromium finished without printing a PDF (build with --no-pdf to skip PDF editions)")
        }
    }
}
