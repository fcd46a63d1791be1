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
            InitCommand.self, StatementCommand.self, PublishCommand.self, SignCommand.self, WithdrawCommand.self,
            VerifyCommand.self, RejectCommand.self, ImportCommand.self, ExportCommand.self, BatchCommand.self,
            OrgCommand.self, SignatoriesCommand.self, DemandsCommand.self, RenderCommand.self,
            BuildCommand.self, ContactCommand.self, LogCommand.self, DatabaseCommand.self,
        ])

    public init() {}
}
