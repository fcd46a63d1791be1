import ArgumentParser
import JointlyKit

/// `jointly batch`: import batches, and undoing one.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "List import batches, or undo one.",
        subcommands: [BatchListCommand.self, BatchUndoCommand.self])
}

/// `jointly batch list`.
struct BatchListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List import batches, newest first, with the signatures each still holds.")

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var output: ReportFormatOption

    func run() throws {
        try Terminal.run {
            Terminal.output(try Reports.batches(try database.open().batches()).rendered(as: output.format))
        }
    }
}

/// `jointly batch undo ID`.
struct BatchUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Remove exactly what an import batch added and put back what it changed; refused once its verified signatures may have been published.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var actor: ActorOptions

    @Argument(help: ArgumentHelp("The batch's id, from 'jointly batch list'.", valueName: "id"))
    var id: Int64

    @Flag(help: "Undo even when some of its signatures were since withdrawn, rejected or verified by hand, erasing that record too.")
    var force = false

    @Flag(help: "Say what the undo would remove and put back, and change nothing.")
    var dryRun = false

    func run() throws {
        try Terminal.run {
            Terminal.say(try database.open().undoBatch(id: id, force: force, dryRun: dryRun, actor: actor.resolved).line)
        }
    }
}
