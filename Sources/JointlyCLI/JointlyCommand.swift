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
        if let problem = repeatedOption(arguments) {
            // With the usage of the command it was given to, as the parser's own errors have.
            let (command, path) = subcommand(arguments)
            guard command != JointlyCommand.self else { exit(withError: ValidationError(problem)) }
            let name = (["jointly"] + path).joined(separator: " ")
            let usage = usageString(for: command)
            FileHandle.standardError.write(Data("Error: \(problem)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n".utf8))
            exit(withError: ExitCode.validationFailure)
        }
        main(arguments)
    }

    /// Options that may be given more than once, each adding a value.
    static let repeatable: Set<String> = ["--map"]

    /// An option given more than once that keeps one value: the argument parser would keep
    /// the last without a word (`--email a@x --email b@y` kept only b@y).
    static func repeatedOption(_ arguments: [String]) -> String? {
        var seen: [String: [String]] = [:]
        var spellings: [String: Set<String>] = [:]
        var order: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { break }
            index += 1
            guard word.hasPrefix("-"), word != "-" else { continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            // `--unnamed --no-unnamed` is one choice made twice, and the last would count.
            let spelled = parts[0] == "-o" ? "--output" : parts[0]
            let name = spelled.hasPrefix("--no-") ? "--" + spelled.dropFirst("--no-".count) : spelled
            guard name.hasPrefix("--"), !repeatable.contains(name) else { continue }
            spellings[name, default: []].insert(spelled)
            // The value: after `=`, else the next word unless it is an option (a flag has none).
            var value = parts.count > 1 ? parts[1] : ""
            if parts.count == 1, index < arguments.count, !arguments[index].hasPrefix("-") { value = arguments[index] }
            if seen[name] == nil { order.append(name) }
            seen[name, default: []].append(value)
        }
        guard let name = order.first(where: { (seen[$0]?.count ?? 0) > 1 }), let values = seen[name] else { return nil }
        if let both = spellings[name], both.count > 1 {
            return both.sorted().joined(separator: " and ") + " are both given, and only the last would count; give one"
        }
        let shown = Set(values).count > 1 && !values.contains("") ? " (" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" : ""
        return "\(name) is given \(values.count) times\(shown), and only one would count; give it once"
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
        var command: ParsableCommand.Type = JointlyCommand.self
        for word in words where !word.hasPrefix("-") {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { return word }
            command = next
        }
        return nil
    }
}
