import ArgumentParser
import Foundation
import JointlyKit

/// `jointly build`: the whole public site, from the database and the templates.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the public site: every published or closed statement in every language, organisation and demand pages, downloads, feed.",
        discussion: "Files are written beside their targets and renamed into place; files of the previous build that are no longer produced are removed last; anything else in the folder (.git, CNAME) is left alone.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to build into.", valueName: "dir"))
    var output: String = "public"

    @Option(help: ArgumentHelp("The templates folder (default: ./templates if present, else the built-in templates).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("The address the site is served from, for absolute links in the feed and hreflang (http or https).", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Do not print the PDF editions with Chromium.")
    var noPDF = false

    @Flag(help: "Write only the statements' pages, Markdown editions and downloads (and PDFs); keep the organisation, demand and front pages of the previous build.")
    var statementsOnly = false

    @Option(help: ArgumentHelp("The language of the front page, the organisation and demand pages and the feed (default: en); each statement page is in its own language.", valueName: "lang"))
    var lang: String = "en"

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) || baseURL.count < 9 {
            throw ValidationError("--base-url must be an http or https address, such as https://example.org/statements/")
        }
        if output.isEmpty { throw ValidationError("--output needs a folder name") }

    }

    func run() throws {
        try Terminal.run {
            try OutputPath.check(output)
            let report = try SiteBuilder.build(
                database: try database.open(),
                options: SiteOptions(output: output, templatesDirectory: templates, baseURL: baseURL, pdf: !noPDF,
                                     statementsOnly: statementsOnly, language: lang))
            for warning in report.warnings { Terminal.say("warning: \(warning)") }
            let statements = report.statements == 1 ? "1 statement" : "\(report.statements) statements"
            let removed = report.removed > 0 ? ", removed \(report.removed) no longer produced" : ""
            Terminal.say("built \(output): \(statements), \(report.files) files\(removed)")
        }
    }
}
