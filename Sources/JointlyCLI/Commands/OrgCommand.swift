import ArgumentParser
import JointlyKit

/// `jointly org`: organisations across statements.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "List, show and correct organisations; record aliases; merge two spellings of one organisation.",
        subcommands: [OrgListCommand.self, OrgShowCommand.self, OrgEditCommand.self, OrgAliasCommand.self, OrgMergeCommand.self])
}

/// `jointly org list`.
struct OrgListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every organisation with its signatures and aliases.")

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var output: ReportFormatOption

    func run() throws {
        try Terminal.run {
            Terminal.output(try Reports.organisations(try database.open().organisations()).rendered(as: output.format))
        }
    }
}

/// `jointly org show NAME`.
struct OrgShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an organisation, its aliases and what it signed.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var country: OrgCountryOption

    @Argument(help: ArgumentHelp("The organisation's name or an alias.", valueName: "name"))
    var name: String

    func run() throws {
        try Terminal.run {
            Terminal.output(try database.open().organisation(named: name, country: country.country).text)
        }
    }
}

/// `jointly org edit NAME`.
struct OrgEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct an organisation's details everywhere they appear; an empty value clears a field.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions
    @Option(help: ArgumentHelp("The organisation's current country, when its name is used in more than one.", valueName: "cc"))
    var matchCountry: String?

    @Argument(help: ArgumentHelp("The organisation's name or an alias.", valueName: "name"))
    var name: String

    @Option(name: .customLong("name"), help: ArgumentHelp("The corrected name.", valueName: "name"))
    var newName: String?

    @Option(name: .customLong("country"), help: ArgumentHelp("The corrected country (ISO code or English name).", valueName: "cc"))
    var newCountry: String?

    @Option(help: ArgumentHelp("The corrected website (http or https).", valueName: "url"))
    var website: String?

    @Option(help: ArgumentHelp("ngo, media, academic, union, company, network or other.", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("The short name or acronym.", valueName: "s"))
    var shortName: String?

    func validate() throws {
        if newName == nil && newCountry == nil && website == nil && kind == nil && shortName == nil {
            throw ValidationError("give at least one of --name, --country, --website, --kind, --short-name")
        }
    }

    func run() throws {
        try Terminal.run {
            let changes = OrganisationChanges(name: newName, shortName: shortName, country: newCountry, website: website, kind: kind)
            let organisation = try database.open().editOrganisation(named: name, country: matchCountry, changes: changes, actor: actor.resolved)
            Terminal.say("updated \(organisation.name)")
        }
    }
}

/// `jointly org alias NAME ALIAS`.
struct OrgAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias", abstract: "Record another name an organisation is known by, so sign and import match it.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var country: OrgCountryOption

    @Argument(help: ArgumentHelp("The organisation's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The other name, such as an acronym.", valueName: "alias"))
    var alias: String

    func run() throws {
        try Terminal.run {
            let organisation = try database.open().addAlias(organisation: name, country: country.country, alias: alias, actor: actor.resolved)
            Terminal.say("'\(alias)' now means \(organisation.name)")
        }
    }
}

/// `jointly org merge FROM INTO`.
struct OrgMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Make FROM part of INTO: signatures, endorsements, contacts and aliases move; FROM's name becomes an alias.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The organisation to merge away.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The organisation that stays.", valueName: "into"))
    var into: String

    @Option(help: ArgumentHelp("FROM's country, when its name is used in more than one.", valueName: "cc"))
    var fromCountry: String?

    @Option(help: ArgumentHelp("INTO's country, when its name is used in more than one.", valueName: "cc"))
    var intoCountry: String?

    func run() throws {
        try Terminal.run {
            let summary = try database.open().mergeOrganisations(
                from: from, fromCountry: fromCountry, into: into, intoCountry: intoCountry, actor: actor.resolved)
            for line in summary.lines { Terminal.say(line) }
        }
    }
}
