import ArgumentParser
import JointlyKit

/// The flags that describe an organisation, spelled as DESIGN.md's field table.
struct OrganisationFields: ParsableArguments {
    @Option(help: ArgumentHelp("The organisation's name, as it should be published (required).", valueName: "name"))
    var org: String

    @Option(help: ArgumentHelp("Country, ISO 3166-1 two-letter code (GB, RU, US).", valueName: "cc"))
    var country: String?

    @Option(help: ArgumentHelp("Website, http:// or https:// only.", valueName: "url"))
    var website: String?

    @Option(help: ArgumentHelp("ngo, media, academic, union, company, network or other.", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("Short name or acronym (CPJ, RSF).", valueName: "name"))
    var shortName: String?
}

/// In what capacity the person signed.
enum Capacity: String, EnumerableFlag {
    case onBehalf, affiliationOnly
}

/// `jointly sign`: one organisation signs from the command line.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Record an organisation's signature (verified unless --pending).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @OptionGroup var organisation: OrganisationFields

    @Option(help: ArgumentHelp("Who signed for the organisation.", valueName: "name"))
    var person: String?

    @Option(help: ArgumentHelp("The signer's title or role.", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("Contact e-mail; kept private, never published.", valueName: "address"))
    var email: String?

    @Option(help: ArgumentHelp("Demand keys endorsed, comma-separated (default: all of them).", valueName: "keys"))
    var demands: String?

    @Flag(help: "Queue the signature for verification instead of verifying it now.")
    var pending = false

    @Flag(inversion: .prefixedNo, help: "Count the organisation without naming it in anything published (groups at risk).")
    var unnamed: Bool?

    @Flag(help: ArgumentHelp("Whether the person signed for the organisation (--on-behalf, the default) or only named it as an affiliation (--affiliation-only)."))
    var capacity: Capacity?

    @Option(help: ArgumentHelp("The day it signed, YYYY-MM-DD (default: today).", valueName: "date"))
    var signedAt: String?

    @Flag(help: "Change an existing signature instead of refusing.")
    var update = false

    @Flag(help: "Sign even after the statement's deadline, with a signed-at day more than a year before its date, or as a new organisation whose name is a known one's short name.")
    var force = false

    func validate() throws {
        if let demands, SignatoryInput.demandKeys(demands).isEmpty {
            throw ValidationError("--demands needs at least one demand key")
        }
    }

    func run() throws {
        try Terminal.run {
            let input = SignatoryInput(
                organisation: organisation.org, shortName: organisation.shortName, country: organisation.country,
                website: organisation.website, kind: organisation.kind, person: person, title: title, email: email,
                demands: demands.map(SignatoryInput.demandKeys), signedAt: signedAt, unnamed: unnamed,
                onBehalf: capacity.map { $0 == .onBehalf })
            let outcome = try database.open().sign(
                slug: slug, input, options: SignOptions(pending: pending, update: update, force: force), actor: actor.resolved)
            Terminal.say(outcome.summary(slug: slug))
        }
    }
}

/// `jointly withdraw`: an organisation takes its signature back; the record is kept.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Mark an organisation's signature withdrawn, with the day and a reason.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @OptionGroup var target: SignatureTarget

    @Option(help: ArgumentHelp("Why it withdrew.", valueName: "text"))
    var reason: String?

    func run() throws {
        try Terminal.run {
            let change = try database.open().withdraw(
                slug: target.slug, organisation: target.org, country: target.country, reason: reason, actor: actor.resolved)
            Terminal.say("withdrew \(change.organisation) from \(target.slug) on \(change.signature.withdrawnAt ?? "")")
        }
    }
}
