import Foundation
import Testing
@testable import JointlyKit

/// How a command answers Ctrl-C around an import's commit (the CLI tests interrupt real
/// imports at random moments; this one lands the signal inside the hold every time).
@Suite(.serialized) struct InterruptTests {
    @Test func anInterruptDuringTheCommitWaitsUntilTheCommandHasReported() throws {
        defer { InterruptCleanup.resetForTesting() }
        Interrupts.announce("interrupted (a test of the hold)")
        try InterruptCleanup.holdForCommit()
        raise(SIGINT)  // held: the process goes on
        #expect(Interrupts.release() == SIGINT)
        // Once one is held, the state stays so: a second Ctrl-C cannot end the process
        // before it has said what the first one found.
        raise(SIGTERM)
        #expect(Interrupts.release() == SIGINT)
    }

    @Test func withNothingAnnouncedThereIsNoHold() throws {
        defer { InterruptCleanup.resetForTesting() }
        InterruptCleanup.resetForTesting()
        try InterruptCleanup.holdForCommit()
        #expect(Interrupts.release() == nil)
    }
}
