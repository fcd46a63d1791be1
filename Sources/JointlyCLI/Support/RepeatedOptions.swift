import ArgumentParser
import Foundation

/// An option given more than once that keeps one value: the argument parser keeps the
/// last without a word (`--email a@x --email b@y` kept only b@y, `--unnamed --no-unnamed`
/// could publish a group at risk). Checked before the parser runs.
enum RepeatedOptions {
    /// What is wrong with `arguments` for the command they run, if an option that keeps one
    /// value is given more than once; nil otherwise (the parser judges everything else).
    static func problem(in arguments: [String], path: [String]) -> String? {
        // Most command lines repeat nothing: only those that may are checked against the
        // parser's own table of options, which takes a few milliseconds to read.
        guard mayRepeat(arguments), let table = OptionTable(path: path) else { return nil }
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
            guard let option = table.options[parts[0]] else { continue }
            // The value: after `=`, else the next word, whatever it looks like (`--person
            // --person` gives one --person a value the parser then refuses as missing).
            var value = parts.count > 1 ? parts[1] : ""
            if option.takesValue && parts.count == 1 && index < arguments.count {
                value = arguments[index]
                index += 1
            }
            guard !option.repeats else { continue }
            spellings[option.name, default: []].insert(parts[0])
            if seen[option.name] == nil { order.append(option.name) }
            seen[option.name, default: []].append(value)
        }
        guard let name = order.first(where: { (seen[$0]?.count ?? 0) > 1 }), let values = seen[name] else { return nil }
        if let both = spellings[name], both.count > 1, both.contains(where: { $0.hasPrefix("--no-") }) {
            return both.sorted().joined(separator: " and ") + " are both given, and only the last would count; give one"
        }
        let shown = Set(values).count > 1 && !values.contains("") ? " (" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" : ""
        return "\(name) is given \(values.count) times\(shown), and only one would count; give it once"
    }

    /// Whether any option may be given twice: a name twice (`--no-X` counting as `--X`), or
    /// a short name, which may repeat a long one (`-o a --output b`).
    static func mayRepeat(_ arguments: [String]) -> Bool {
        var names: Set<String> = []
        for word in arguments {
            if word == "--" { break }
            guard word.hasPrefix("-"), word != "-" else { continue }
            guard word.hasPrefix("--") else { return true }
            let spelled = String(word.split(separator: "=", maxSplits: 1)[0])
            let name = spelled.hasPrefix("--no-") ? "--" + spelled.dropFirst("--no-".count) : spelled
            if !names.insert(name).inserted { return true }
        }
        return false
    }
}

/// The options of one command as the argument parser describes them (`_dumpHelp()`, the
/// JSON that `--experimental-dump-help` prints): every spelling of each, whether it takes
/// a value, and whether it may be given more than once (`--map`).
struct OptionTable {
    struct Option {
        /// The one name the messages use: `--output` for `-o` too, `--unnamed` for `--no-unnamed`.
        var name: String
        var takesValue: Bool
        var repeats: Bool
    }

    /// Each spelling (`--output`, `-o`, `--no-unnamed`) and the option it gives.
    var options: [String: Option] = [:]

    /// The table of the command `path` names under `jointly` (`["org", "edit"]`); nil if
    /// the parser's description cannot be read.
    init?(path: [String]) {
        guard let tool = try? JSONDecoder().decode(Tool.self, from: Data(JointlyCommand._dumpHelp().utf8)) else { return nil }
        var command = tool.command
        for name in path {
            guard let next = command.subcommands?.first(where: { $0.commandName == name }) else { return nil }
            command = next
        }
        for argument in command.arguments ?? [] where argument.kind != "positional" {
            let spellings = (argument.names ?? []).map { $0.kind == "short" ? "-" + $0.name : ($0.kind == "long" ? "--" : "-") + $0.name }
            guard var name = spellings.first(where: { $0.hasPrefix("--") }) ?? spellings.first else { continue }
            // An inversion is listed as a flag of its own: it sets the same value.
            if name.hasPrefix("--no-") { name = "--" + name.dropFirst("--no-".count) }
            for spelled in spellings {
                options[spelled] = Option(name: name, takesValue: argument.kind == "option", repeats: argument.isRepeating)
            }
        }
    }

    private struct Tool: Decodable {
        var command: Command
    }

    private struct Command: Decodable {
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    private struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var isRepeating: Bool
    }

    private struct Name: Decodable {
        var kind: String
        var name: String
    }
}
