import ArgumentParser
import JointlyKit

extension OutputFormat: ExpressibleByArgument {}

/// `jointly render`: one statement through the templates, in any state, as a preview or for the press.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a statement to Markdown or HTML through the templates (any state: a preview before launch).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The statement's slug.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("md or html.", valueName: "format"))
    var format: OutputFormat = .markdown

    @Option(help: ArgumentHelp("The language of a translation to render (default: the statement's own).", valueName: "lang"))
    var lang: String?

    @Option(help: ArgumentHelp("The templates folder (default: ./templates if present, else the built-in templates).", valueName: "dir"))
    var templates: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (- for standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        try Terminal.run {
            if let output { try OutputPath.check(output, database: database.resolvedPath) }
            let warnings = try Publishing.write(
                database: try database.open(), slug: slug, format: format, language: lang, templatesDirectory: templates,
                to: output)
            for warning in warnings { Terminal.say("warning: \(warning)") }
            if let output, output != "-" { Terminal.say("wrote \(output)") }
        }
    }
}
