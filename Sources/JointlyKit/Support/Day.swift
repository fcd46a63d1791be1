import Foundation

/// Calendar days written `YYYY-MM-DD`, the one date form Jointly stores.
public enum Day {
    /// Whether `text` is a real calendar day in `YYYY-MM-DD` form (`2018-02-30` is not).
    public static func isValid(_ text: String) -> Bool {
        // On the bytes in place: an import checks every row's day.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit <= 9 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  year >= 1, (1...12).contains(month), day >= 1
            else { return false }
            return day <= daysIn(month: month, year: year)
        }
    }

    /// `30 April 2018` for `2018-04-30`; the input unchanged if it is not a day.
    public static func english(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard isValid(text), let month = Int(parts[1]), let day = Int(parts[2]) else { return text }
        return "\(day) \(monthNames[month - 1]) \(parts[0])"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
