import ArgumentParser
import Foundation
import JointlyKit

/// `jointly init`: a new database, and the folders a project needs.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, and templates/ and statements/ if they are absent.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Terminal.run {
            // Later commands find a database given by --db only when told again.
            let flag = database.path.map { "--db \(Shell.word($0))" }
            let created = try Project.initialise(
                databasePath: database.resolvedPath, folder: FileManager.default.currentDirectoryPath, databaseFlag: flag)
            for line in created { Terminal.say(line) }
        }
    }
}
