import ArgumentParser
import JointlyKit

extension VerificationMethod: ExpressibleByArgument {}

/// `jointly publish`: make a statement public, or record a new edition of its list.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Make a statement public (or re-publish it as its list grows) and record the edition.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("The edition's date, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    func run() throws {
        try Terminal.run {
            let edition = try database.open().publish(slug: slug, date: date, actor: actor.resolved)
            for line in Reports.describe(edition, slug: slug) { Terminal.say(line) }
        }
    }
}

/// The organisation a moderation command acts on.
struct SignatureTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("The organisation's name or alias.", valueName: "name"))
    var org: String

    @OptionGroup var match: OrgCountryOption

    /// The organisation's country, if given.
    var country: String? { match.country }
}

/// `jointly verify`: confirm that a signature was authorised.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a pending signature, recording how it was confirmed and by whom.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var target: SignatureTarget

    @Option(help: ArgumentHelp("How it was confirmed: email, phone, letter, in-person or other.", valueName: "method"))
    var method: VerificationMethod

    @Option(help: ArgumentHelp("Who confirmed it.", valueName: "name"))
    var by: String

    @Option(help: ArgumentHelp("What shows it (a message reference, a note).", valueName: "text"))
    var evidence: String?

    @Flag(help: "Verify a signature that was rejected (the rejection and its reason stay in the audit log).")
    var reinstate = false

    func run() throws {
        try Terminal.run {
            let change = try database.open().verify(
                slug: target.slug, organisation: target.org, country: target.country, method: method, by: by,
                evidence: evidence, reinstate: reinstate, actor: actor.resolved)
            Terminal.say("verified \(change.organisation)'s signature on \(target.slug) (\(method.rawValue), by \(by))")
        }
    }
}

/// `jointly reject`: refuse a signature, keeping the record and the reason.
struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a signature with a reason; it is kept, never published.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var target: SignatureTarget

    @Option(help: ArgumentHelp("Why it is rejected.", valueName: "text"))
    var reason: String

    func run() throws {
        try Terminal.run {
            let change = try database.open().reject(
                slug: target.slug, organisation: target.org, country: target.country, reason: reason, actor: actor.resolved)
            Terminal.say("rejected \(change.organisation)'s signature on \(target.slug)")
        }
    }
}

/// `jointly log`: the audit log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the audit log of every change, for one statement or all.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Only this statement's events.", valueName: "slug"))
    var slug: String?

    @OptionGroup var output: ReportFormatOption

    func run() throws {
        try Terminal.run {
            Terminal.output(try Reports.log(try database.open().log(slug: slug)).rendered(as: output.format))
        }
    }
}

/// `jointly db …`: looking after the database file.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Check the database, or back it up while others use it.",
        subcommands: [Check.self, Backup.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database with SQLite's online backup API, safe while others write.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The new backup file.", valueName: "file"))
        var file: String

        func run() throws {
            try Terminal.run {
                try OutputPath.check(file, flag: "backup file", database: database.resolvedPath)
                try database.open().backup(to: file)
                Terminal.say("backed up \(database.resolvedPath) to \(file)")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run SQLite's integrity and foreign-key checks and verify the audit log's hash chain.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try Terminal.run {
                let report = try database.open().check()
                if !report.isSound {
                    throw JointlyError.problems(report.problems.map { JointlyError.database($0) })
                }
                Terminal.say("ok: integrity and foreign keys sound; \(report.events) audit events chained; \(report.heads) edition head\(report.heads == 1 ? "" : "s") present; \(report.lists) edition list\(report.lists == 1 ? "" : "s") matching \(report.lists == 1 ? "its" : "their") sha256")
            }
        }
    }
}
