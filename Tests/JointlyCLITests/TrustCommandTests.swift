import Foundation
import Testing

/// Editions, moderation and the audit log, through the real binary and `sqlite3`.
@Suite struct TrustCommandTests {
    let slug = "russia-telegram-2018"

    func published() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["init"])
        try sandbox.ok(["statement", "add", "statements/\(slug).md"])
        try sandbox.ok(["import", slug, "statements/\(slug).signatories.csv", "--verified"])
        try sandbox.ok(["statement", "open", slug])
        try sandbox.ok(["publish", slug, "--date", "2018-04-30"])
        try sandbox.ok(["publish", slug, "--date", "2018-05-16"])
        return sandbox
    }

    func sqlite(_ sandbox: Sandbox, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [sandbox.folder.appendingPathComponent("jointly.sqlite").path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func theExampleIsPublishedInTwoEditionsAsTheSourcesSupport() throws {
        let sandbox = try published()
        let history = try sandbox.ok(["statement", "history", slug])
        #expect(history.contains("  1  2018-04-30  version 1, 13 signatories; joined: Access Now, "))
        #expect(history.contains("  2  2018-05-16  version 1, 15 signatories; joined: PEN America, Transparency International\n"))
        let publish = try sandbox.run(["publish", slug, "--date", "2018-05-20"])
        #expect(publish.stderr.contains("since edition 2: no change in the list"))
        #expect(publish.stderr.contains("audit chain head: "))
    }

    @Test func theModerationQueue() throws {
        let sandbox = try published()
        try sandbox.ok(["sign", slug, "--org", "Form Signer", "--country", "RU", "--pending"])
        #expect(try sandbox.ok(["signatories", slug, "--status", "pending", "--format", "csv"]).contains("Form Signer"))
        let bad = try sandbox.run(["verify", slug, "--org", "Form Signer", "--method", "pigeon", "--by", "Ana"])
        #expect(bad.status == 64)
        let verified = try sandbox.run(["verify", slug, "--org", "form signer", "--method", "phone", "--by", "Ana", "--evidence", "call on 17 May"])
        #expect(verified.status == 0)
        #expect(verified.stderr == "verified Form Signer's signature on \(slug) (phone, by Ana)\n")
        #expect(try sandbox.ok(["signatories", slug, "--status", "pending", "--format", "csv"]).split(separator: "\n").count == 1)
        #expect(try sandbox.run(["reject", slug, "--org", "Nobody", "--reason", "x"]).stderr
            == "error: no organisation matches 'Nobody': see 'jointly org list'\n")
        try sandbox.ok(["reject", slug, "--org", "Form Signer", "--reason", "signed without authority"])
        let log = try sandbox.ok(["log", slug, "--format", "json"])
        #expect(log.contains("\"action\" : \"signature.reject\""))
        #expect(log.contains("signed without authority"))
        let again = try sandbox.run(["verify", slug, "--org", "Form Signer", "--method", "phone", "--by", "Ana"])
        #expect(again.status == 1)
        #expect(again.stderr == "error: org 'Form Signer': its signature was rejected (signed without authority), so nothing was changed; add --reinstate to verify it after all\n")
        try sandbox.ok(["verify", slug, "--org", "Form Signer", "--method", "letter", "--by", "Ana", "--reinstate"])
        #expect(try sandbox.ok(["signatories", slug, "--format", "csv"]).contains("Form Signer"))
    }

    @Test func closingAndTheClosedList() throws {
        let sandbox = try published()
        try sandbox.ok(["statement", "close", slug])
        let late = try sandbox.run(["sign", slug, "--org", "Too Late"])
        #expect(late.status == 1)
        #expect(late.stderr == "error: '\(slug)' is closed and takes no more signatures\n")
        let reopen = try sandbox.run(["statement", "open", slug])
        #expect(reopen.stderr == "error: '\(slug)' is closed and cannot become open: a closed statement is final\n")
    }

    @Test func tamperingWithTheLogThroughSqlite3IsDetected() throws {
        let sandbox = try published()
        #expect(try sandbox.run(["db", "check"]).stderr.hasPrefix("ok: integrity and foreign keys sound; 5 audit events chained; 2 edition heads present; 2 edition lists matching their sha256"))

        try sqlite(sandbox, "UPDATE event SET subject = 'someone else' WHERE id = 2")
        let edited = try sandbox.run(["db", "check"])
        #expect(edited.status == 1)
        #expect(edited.stderr == "error: database: audit log: event 2 (import someone else) was edited: its content no longer matches its hash\n")
    }

    @Test func deletingEventsInTheMiddleOrAtTheEndIsDetected() throws {
        let middle = try published()
        try sqlite(middle, "DELETE FROM event WHERE id = 3")
        let gap = try middle.run(["db", "check"])
        #expect(gap.status == 1)
        #expect(gap.stderr == "error: database: audit log: event 4 does not follow event 2: events between them were deleted or edited\n")

        let end = try published()
        try sqlite(end, "DELETE FROM event WHERE id >= 4")
        let truncated = try end.run(["db", "check"])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("edition 1 of \(slug) recorded chain head"))
        #expect(truncated.stderr.contains("edition 2 of \(slug) recorded chain head"))
    }

    @Test func aTextChangeAfterSigningNeedsANewVersion() throws {
        let sandbox = try published()
        var text = try sandbox.read("statements/\(slug).md")
        text = text.replacingOccurrences(of: "text: Stop blocking Telegram.", with: "text: Stop blocking Telegram at once.")
        try sandbox.write(text, to: "statements/\(slug).md")
        let refused = try sandbox.run(["statement", "add", "statements/\(slug).md"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the text changed (demands reworded: unblock-telegram) after 15 signatures on version 1"))
        #expect(try sandbox.run(["statement", "add", "statements/\(slug).md", "--new-version"]).status == 64)
        try sandbox.ok(["statement", "add", "statements/\(slug).md", "--new-version", "--note", "stronger wording"])
        let diff = try sandbox.ok(["statement", "diff", slug, "1", "2"])
        #expect(diff.contains("- unblock-telegram: Stop blocking Telegram.\n+ unblock-telegram: Stop blocking Telegram at once.\n"))
        #expect(try sandbox.ok(["statement", "history", slug]).contains("  2  "))
    }
}
