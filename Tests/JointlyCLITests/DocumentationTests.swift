import Foundation
import Testing

/// The README's command list and `jointly --help` name the same commands.
@Suite struct DocumentationTests {
    /// `name` for every subcommand of `jointly PATH… --help`, recursively: `statement add`, `sign`.
    func commands(under path: [String] = []) throws -> Set<String> {
        let help = try Sandbox().run(path + ["--help"]).stdout
        guard let section = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first else {
            return [path.joined(separator: " ")]
        }
        var names = Set<String>()
        for line in section.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            guard let name = line.split(separator: " ").first.map(String.init), name != "See" else { continue }
            names.formUnion(try commands(under: path + [name]))
        }
        return names
    }

    /// The commands the README's "Commands" block lists: `statement list | show SLUG` gives two.
    func readmeCommands() throws -> Set<String> {
        let readme = try String(contentsOf: Sandbox.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "## Commands\n\n```\n").dropFirst().first?
            .components(separatedBy: "```").first)
        var names = Set<String>()
        for line in block.split(separator: "\n") where line.hasPrefix("jointly ") {
            // A description follows the usage after two or more spaces.
            let usage = line.dropFirst("jointly ".count).components(separatedBy: "  ")[0]
            let words = usage.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            if words.count > 1, words[1].allSatisfy({ $0.isLowercase || $0 == "-" }) {
                // A group: `statement add …`, or alternatives `statement list | show SLUG`.
                var index = 1
                while index < words.count, words[index].allSatisfy({ $0.isLowercase || $0 == "-" }) {
                    names.insert("\(first) \(words[index])")
                    index += 1
                    while index < words.count, words[index] != "|" { index += 1 }
                    index += 1
                }
            } else {
                names.insert(first)
            }
        }
        return names
    }

    @Test func theReadmeListsEveryCommandAndNoOther() throws {
        let help = try commands()
        let readme = try readmeCommands()
        #expect(readme.subtracting(help).isEmpty, "in the README but not in --help: \(readme.subtracting(help).sorted())")
        #expect(help.subtracting(readme).isEmpty, "in --help but not in the README: \(help.subtracting(readme).sorted())")
    }

    @Test func helpForACommandThatDoesNotExistIsAnError() throws {
        let sandbox = try Sandbox()
        for arguments in [["help", "nope"], ["help", "org", "nope"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 64, "jointly \(arguments.joined(separator: " "))")
            #expect(result.stderr.hasPrefix("Error: no command 'nope': see 'jointly help' for the commands"))
        }
        let known = try sandbox.run(["help", "org", "edit"])
        #expect(known.status == 0 && known.stdout.contains("--match-country"))
    }

    @Test func aNegativeNumberOfDaysIsRefusedForWhatItIs() throws {
        let result = try Sandbox().run(["contact", "purge", "--older-than", "-5"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --older-than takes a number of days, 0 or more"))
    }
}
