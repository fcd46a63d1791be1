import ArgumentParser
import JointlyKit

/// The `jointly` command: the root of every subcommand.
public struct JointlyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jointly",
        abstract: "Keep a coalition's joint statements, their demands and signatories, and publish them.",
        discussion: "Data lives in one SQLite file (--db, $JOINTLY_DB, else ./jointly.sqlite); statement texts in statements/*.md; templates in templates/.",
        version: Jointly.version,
        subcommands: [
            InitCommand.self, StatementCommand.self, SignCommand.self, WithdrawCommand.self,
            ImportCommand.self, SignatoriesCommand.self, DemandsCommand.self, RenderCommand.self,
            BuildCommand.self,
        ])

    public init() {}
}
