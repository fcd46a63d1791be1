import Foundation
import GRDB
import Testing
@testable import JointlyKit

@Suite("Audit log")
struct AuditLogTests {
    /// Appends one event of `action` after a mark, and asks what retraction followed the mark.
    private static func retraction(after action: AuditAction, updated: String = "0") throws -> String? {
        let db = try Fixture.database()
        return try db.write { db in
            let mark = try #require(try AuditLog.last(db))
            try AuditLog.append(
                db, time: "2018-05-01T00:00:00Z", actor: "t", action: action, statementId: nil, subject: "s",
                new: ["updated": updated])
            return try AuditLog.firstRetraction(db, after: mark)
        }
    }

    @Test("every action the log records is found after a mark exactly when it can take back a public fact",
          arguments: AuditAction.allCases)
    func everyActionIsClassified(action: AuditAction) throws {
        switch action.retraction {
        case .never:
            #expect(try Self.retraction(after: action) == nil)
        case .always(let what):
            #expect(try Self.retraction(after: action) == what)
        case .ifSignaturesUpdated(let what):
            #expect(try Self.retraction(after: action) == nil)
            #expect(try Self.retraction(after: action, updated: "3") == what)
        }
    }
}
