import Foundation

/// How to read a date whose day and month could be either way round (`5/4/2018`).
public enum DateOrder: String, CaseIterable, Sendable {
    /// Day, month, year: `5/4/2018` is 5 April 2018 (Europe, most of the world).
    case dmy
    /// Month, day, year: `5/4/2018` is May 4, 2018 (the United States).
    case mdy
    /// Year, month, day: `2018/05/04`.
    case ymd
}

/// Timestamps as spreadsheet and form exports write them, read as the day they name.
///
/// Read: `YYYY-MM-DD`; ISO 8601 date-times (`2018-05-02T10:14:03Z`, `2018-05-02 10:14:03+03:00`);
/// Google Forms' `2018/05/02 10:14:03 AM GMT+3`; Microsoft Forms' and Excel's `5/2/2018 10:14:03`
/// or `5/2/18 10:14`; `2 May 2018`, `May 2, 2018`, `2-May-18`; and Excel serial day numbers
/// (`43222.43`). The day is the one written: a time and its zone are checked to be a time,
/// then set aside, so a form's timestamp gives the day the person saw when they signed.
enum ImportDates {
    /// The day `text` names, as `YYYY-MM-DD`, or an error saying what to write.
    static func day(_ text: String, order: DateOrder?) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if Day.isValid(trimmed) { return trimmed }
        if let serial = excelSerial(trimmed) { return serial }
        // The date part ends at a `T` between digits (ISO 8601) or at the first space.
        var datePart = Substring(trimmed)
        var rest = Substring("")
        if let t = trimmed.firstIndex(where: { $0 == "T" || $0 == "t" }), t > trimmed.startIndex,
           trimmed[trimmed.index(before: t)].isNumber, trimmed.index(after: t) < trimmed.endIndex,
           trimmed[trimmed.index(after: t)].isNumber {
            datePart = trimmed[..<t]
            rest = trimmed[trimmed.index(after: t)...]
        } else if let space = trimmed.firstIndex(of: " ") {
            datePart = trimmed[..<space]
            rest = trimmed[trimmed.index(after: space)...]
        }
        let parts = datePart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        if parts.count == 3, parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }),
           looksLikeTime(rest) {
            return try numeric(parts.map(String.init), text: text, order: order)
        }
        if let named = withMonthName(trimmed) { return named }
        throw notADate(text)
    }

    private static func numeric(_ parts: [String], text: String, order: DateOrder?) throws -> String {
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { throw notADate(text) }
        var year: Int, month: Int, day: Int
        if parts[0].count == 4 {
            // A four-digit year first is never ambiguous, whatever --date-order says.
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if parts[2].count == 4 || parts[2].count == 2 {
            year = parts[2].count == 2 ? 2000 + numbers[2] : numbers[2]
            let (first, second) = (numbers[0], numbers[1])
            switch order {
            case .dmy: (day, month) = (first, second)
            case .mdy: (month, day) = (first, second)
            case .ymd: throw wrongOrder(text, .ymd)
            case nil:
                if first == second || (first > 12 && second <= 12) {
                    (day, month) = (first, second)
                } else if second > 12 && first <= 12 {
                    (month, day) = (first, second)
                } else if (1...12).contains(first) && (1...12).contains(second) {
                    throw JointlyError.invalidValue(
                        field: "signed-at", value: text,
                        reason: "could be day first or month first; add --date-order dmy (\(first) \(monthNames[second - 1])) or --date-order mdy (\(monthNames[first - 1]) \(second))")
                } else {
                    throw notADate(text)
                }
            }
        } else {
            throw notADate(text)
        }
        let result = String(format: "%04d-%02d-%02d", year, month, day)
        guard Day.isValid(result) else { throw notADate(text) }
        return result
    }

    /// Whether what follows the date is a time as exports write it: digits, `:`, `.`,
    /// AM/PM, and a zone (`Z`, `+03:00`, `GMT+3`, `UTC`).
    private static func looksLikeTime(_ rest: Substring) -> Bool {
        let allowed = Set("0123456789:.,+- ZzAaPpMmGgTtUuCc")
        return rest.allSatisfy { allowed.contains($0) }
    }

    /// An Excel serial day number (days since 1899-12-30, a fraction for the time).
    private static func excelSerial(_ text: String) -> String? {
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard (1...2).contains(whole.count), whole.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let days = Int(whole[0]), (10_000...100_000).contains(days)
        else { return nil }
        let date = Date(timeIntervalSince1970: Double(days - 25_569) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `2 May 2018`, `May 2, 2018`, `2-May-18`, `Wednesday, May 2, 2018`.
    private static func withMonthName(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "/" || $0 == "." })
        var month: Int?, day: Int?, year: Int?
        for word in words {
            let lower = word.lowercased()
            if month == nil, lower.count >= 3, let index = monthNames.firstIndex(where: { $0.lowercased().hasPrefix(lower.prefix(3)) }),
               monthNames[index].lowercased().hasPrefix(lower) || lower.count == 3 {
                month = index + 1
            } else if let number = Int(word), word.allSatisfy(\.isASCII) {
                if word.count == 4 { year = year ?? number } else if day == nil && (1...31).contains(number) { day = number }
                else if year == nil && word.count == 2 { year = 2000 + number }
            } else if word.contains(":") || ["am", "pm", "gmt", "utc", "z"].contains(lower) || weekdays.contains(lower) {
                continue
            } else {
                return nil
            }
        }
        guard let month, let day, let year else { return nil }
        let result = String(format: "%04d-%02d-%02d", year, month, day)
        return Day.isValid(result) ? result : nil
    }

    private static func notADate(_ text: String) -> JointlyError {
        .invalidValue(
            field: "signed-at", value: text,
            reason: "not a date Jointly reads; write YYYY-MM-DD such as 2018-04-30 (also read: ISO 8601, form timestamps such as 2018/05/02 10:14:03 AM GMT+3, 2 May 2018, Excel day numbers)")
    }

    private static func wrongOrder(_ text: String, _ order: DateOrder) -> JointlyError {
        .invalidValue(field: "signed-at", value: text, reason: "does not fit --date-order \(order.rawValue)")
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
    ]
}
