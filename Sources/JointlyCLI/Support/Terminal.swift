import ArgumentParser
import Foundation
import JointlyKit

/// Standard output and error, kept apart so pipes stay clean.
enum Terminal {
    /// Writes data to standard output.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a message for the person at the terminal to standard error.
    static func say(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Runs a command's work, printing a `JointlyError` one line per problem and exiting 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as JointlyError {
            for line in error.lines { say("error: \(line)") }
            throw ExitCode.failure
        }
    }
}
