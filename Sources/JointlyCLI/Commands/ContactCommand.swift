import ArgumentParser
import JointlyKit

/// `jointly contact …`: removing personal data.
struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Remove personal data: one organisation's, or everything older than a number of days.",
        subcommands: [Erase.self, Purge.self])

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an organisation's contact details and signer names; that it signed is kept.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Option(help: ArgumentHelp("The organisation's name or alias.", valueName: "name"))
        var org: String

        @OptionGroup var match: OrgCountryOption

        func run() throws {
            try Terminal.run {
                let summary = try database.open().eraseContacts(organisation: org, country: match.country, actor: actor.resolved)
                Terminal.say("erased \(summary.contacts) contact record\(summary.contacts == 1 ? "" : "s") and the signer details of \(summary.signatures) signature\(summary.signatures == 1 ? "" : "s")")
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the contact details and signer details (name, title, evidence) of signatures older than a number of days.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        // Unconditional, so that `--older-than -5` reaches validate() and its message.
        @Option(parsing: .unconditional, help: ArgumentHelp("Remove the personal data of signatures signed more than this many days ago.", valueName: "days"))
        var olderThan: Int

        func validate() throws {
            if olderThan < 0 { throw ValidationError("--older-than takes a number of days, 0 or more") }
        }

        func run() throws {
            try Terminal.run {
                let summary = try database.open().purgeContacts(olderThan: olderThan, actor: actor.resolved)
                Terminal.say("purged \(summary.contacts) contact record\(summary.contacts == 1 ? "" : "s") and the signer details of \(summary.signatures) signature\(summary.signatures == 1 ? "" : "s")")
            }
        }
    }
}
