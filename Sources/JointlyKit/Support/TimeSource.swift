import Foundation

/// Where Jointly reads the time, so tests can fix it.
public protocol TimeSource: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: TimeSource {
    /// Makes the machine's clock.
    public init() {}
    /// The current instant.
    public func now() -> Date { Date() }
}

/// A clock that always says the same instant, for tests.
public struct FixedClock: TimeSource {
    /// The instant it says.
    public var date: Date
    /// Makes a clock stopped at `date`.
    public init(_ date: Date) { self.date = date }
    /// The fixed instant.
    public func now() -> Date { date }
}

/// Day and timestamp formats used in the database: ISO 8601, UTC.
enum Timestamps {
    /// `2018-04-30T09:15:00Z`.
    static func instant(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `2018-04-30`, the day in UTC.
    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    /// The latest day a date typed at `date` may name (a signature's, an edition's): tomorrow
    /// in UTC, a day's grace for time zones ahead of UTC, where it may be tomorrow already.
    static func latestDay(_ date: Date) -> String {
        day(date.addingTimeInterval(24 * 60 * 60))
    }

    /// The problem with `text`, a valid day typed at `date`, as the day something happened: nil
    /// unless it is after ``latestDay(_:)``.
    static func futureProblem(_ text: String, at date: Date, happened: String) -> String? {
        futureProblem(text, latestDay: latestDay(date), today: day(date), happened: happened)
    }

    /// Why a signed-at day is too early for a statement dated `statementDate` (more than a
    /// year before it: a mistyped year, an Excel day number read as 1900, a day and month
    /// swapped across a year's end), or nil. `earliest` is ``earliestSignedAt(statementDate:)``,
    /// worked out once. Coalitions gather signatures before they publish, so a year is allowed.
    /// `dateOrder`: say that `--date-order` may be why (an import's dates are read with it).
    static func earlyProblem(_ day: String, earliest: String, statementDate: String, dateOrder: Bool = false) -> String? {
        guard day < earliest else { return nil }
        let check = dateOrder ? "check the year, or the order of day and month (--date-order)" : "check the year"
        return "is more than a year before the statement's date (\(statementDate)); \(check), and add --force if it is right"
    }

    /// A year before `statementDate`, the earliest signed-at day taken without `--force`.
    static func earliestSignedAt(statementDate: String) -> String {
        guard let year = Int(statementDate.prefix(4)), year > 1 else { return "" }
        return String(format: "%04d", year - 1) + statementDate.dropFirst(4)
    }

    /// The same, with the latest day and today already formatted (an import checks many cells).
    static func futureProblem(_ text: String, latestDay: String, today: String, happened: String) -> String? {
        text > latestDay ? "is in the future (today is \(today)); \(happened)" : nil
    }
}
