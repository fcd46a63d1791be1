import ArgumentParser
import JointlyKit

/// `jointly signatories`: the coordinator's view of who signed.
struct SignatoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatories",
        abstract: "List a statement's signatories: verified and pending by default, unnamed ones marked.",
        discussion: "This is the coordinator's view: it names the groups that asked to be unnamed, and who signed for each. To share a list, use the built site (verified signatures only) or 'jointly export' (no personal data and no unnamed groups, but pending signatures too, marked by their status).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("verified, pending, rejected, withdrawn, or all (default: verified and pending).", valueName: "status"))
    var status: String?

    @OptionGroup var output: ReportFormatOption

    func validate() throws {
        if let status, StatusFilter(status) == nil {
            throw ValidationError("--status takes verified, pending, rejected, withdrawn or all, not '\(status)'")
        }
    }

    func run() throws {
        try Terminal.run {
            let filter = status.flatMap(StatusFilter.init) ?? .current
            let entries = try database.open().signatories(slug: slug, filter: filter)
            Terminal.output(try Reports.signatories(entries, abbreviated: output.format == .table).rendered(as: output.format))
        }
    }
}

/// `jointly demands`: what is asked, and who asks it.
struct DemandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demands",
        abstract: "List a statement's demands with their endorsements, or (--by-org) every demand each organisation has made.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The statement's slug (with --by-org: optional, default all statements).", valueName: "slug"))
    var slug: String?

    @Flag(help: "For each organisation, every demand it endorses through a verified signature.")
    var byOrg = false

    @Option(help: ArgumentHelp("Only this organisation (implies --by-org).", valueName: "name"))
    var org: String?

    @OptionGroup var match: OrgCountryOption
    @OptionGroup var output: ReportFormatOption

    func validate() throws {
        if !byOrg && org == nil && slug == nil {
            throw ValidationError("name a statement (jointly demands SLUG), or ask --by-org")
        }
    }

    func run() throws {
        try Terminal.run {
            let db = try database.open()
            if byOrg || org != nil {
                let groups = try db.demandsByOrganisation(slug: slug, organisation: org, country: match.country)
                Terminal.output(try Reports.demandsByOrganisation(groups).rendered(as: output.format))
            } else if let slug {
                Terminal.output(try Reports.demands(try db.demands(slug: slug)).rendered(as: output.format))
            }
        }
    }
}
