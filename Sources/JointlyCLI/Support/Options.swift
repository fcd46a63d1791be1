import ArgumentParser
import Foundation
import JointlyKit

/// `--db PATH`, the same in every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The database file (default: $JOINTLY_DB, else ./jointly.sqlite).", valueName: "path"))
    var path: String?

    /// The path chosen by flag, environment, or default.
    var resolvedPath: String {
        if let path { return path }
        if let environment = ProcessInfo.processInfo.environment["JOINTLY_DB"], !environment.isEmpty { return environment }
        return "jointly.sqlite"
    }

    /// Opens the existing database.
    func open() throws -> AppDatabase {
        try AppDatabase.open(path: resolvedPath)
    }
}

/// `--actor NAME`, who the audit log names for a change.
struct ActorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who makes this change, for the audit log (default: your login name).", valueName: "name"))
    var actor: String?

    /// The actor chosen, or the login name.
    var resolved: String {
        if let actor, !actor.trimmingCharacters(in: .whitespaces).isEmpty { return actor }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }
}

/// `--format`, the same in every command that prints a report.
struct ReportFormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("How to print the report.", valueName: "format"))
    var format: ReportFormat = .table
}

/// `--country CC`, to say which organisation a name means when it is used in more than one country.
struct OrgCountryOption: ParsableArguments {
    @Option(help: ArgumentHelp("The organisation's country, when its name is used in more than one.", valueName: "cc"))
    var country: String?
}

extension ReportFormat: ExpressibleByArgument {}
