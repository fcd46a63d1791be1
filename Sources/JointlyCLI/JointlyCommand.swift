import ArgumentParser
import Foundation
import JointlyKit

/// The `jointly` command: the root of every subcommand.
public struct JointlyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jointly",
        abstract: "Keep a coalition's joint statements, their demands and signatories, and publish them.",
        discussion: "Data lives in one SQLite file (--db, $JOINTLY_DB, else ./jointly.sqlite); statement texts in statements/*.md; templates in templates/.",
        version: Jointly.version,
        subcommands: [
            InitCommand.self, StatementCommand.self, PublishCommand.self, SignCommand.self, WithdrawCommand.self,
            VerifyCommand.self, RejectCommand.self, ImportCommand.self, ExportCommand.self, BatchCommand.self,
            OrgCommand.self, SignatoriesCommand.self, DemandsCommand.self, RenderCommand.self,
            BuildCommand.self, ContactCommand.self, LogCommand.self, DatabaseCommand.self,
        ])

    public init() {}

    /// Runs the command line. `jointly help NAME` for a command that does not exist is an
    /// error here; the argument parser would print the overview and exit 0.
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let unknown = unknownHelpTopic(arguments.dropFirst()) {
            exit(withError: ValidationError("no command '\(unknown)': see 'jointly help' for the commands"))
        }
        let (command, path) = subcommand(arguments)
        if let problem = RepeatedOptions.problem(in: arguments, path: path) {
            // With the usage of the command it was given to, as the parser's own errors have.
            guard command != JointlyCommand.self else { exit(withError: ValidationError(problem)) }
            let name = (["jointly"] + path).joined(separator: " ")
            let usage = usageString(for: command)
            FileHandle.standardError.write(Data("Error: \(problem)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n".utf8))
            exit(withError: ExitCode.validationFailure)
        }
        main(arguments)
    }

    /// The subcommand `arguments` run, and its path of names (`["org", "edit"]`): the longest
    /// chain of their words naming subcommands.
    static func subcommand(_ arguments: [String]) -> (command: ParsableCommand.Type, path: [String]) {
        var command: ParsableCommand.Type = JointlyCommand.self
        var path: [String] = []
        for word in arguments where !word.hasPrefix("-") {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = next
            path.append(word)
        }
        return (command, path)
    }

    /// The first word after `help` that names no subcommand of the command before it.
    static func unknownHelpTopic(_ words: ArraySlice<String>) -> String? {
        let topics = words.filter { !$0.hasPrefix("-") }
        return topics.dropFirst(subcommand(topics).path.count).first
    }
}
