import ArgumentParser
import JointlyKit

/// The `jointly` command: the root of every subcommand.
public struct JointlyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jointly",
        abstract: "Keep a coalition's joint statements, their demands and signatories, and publish them.",
        version: Jointly.version,
        subcommands: []
    )

    public init() {}
}
