import Foundation
import Testing
@testable import JointlyKit

/// The import's shortcuts must give exactly what the shared rules give: each is compared
/// with the full path on many names, non-ASCII and hostile ones included.
@Suite struct FastPathTests {
    /// Pieces names are made of: scripts, marks after spaces, compatibility forms that
    /// become spaces or letters, final sigma, Hangul jamo, joiners, controls, bidi overrides.
    static let pieces: [String] = [
        "Human", "Rights", "WATCH", "Intl.", "Assoc", "Organization", "&", "+972", "d'Ivoire", "AT&T", "—", "...", "(Ltd.)",
        "Société", "Liberté", "Straße", "Łódź", "Øresund", "Çağdaş", "Ação", "Związek", "Þing", "Æther", "Œuvre", "İstanbul",
        "Общество", "Йошкар", "Ёлка", "Мой", "ОВД-Инфо", "ΟΔΟΣ", "Ένωση", "ΣΊΣΥΦΟΣ", "جمعية", "الإنسان", "自由", "新聞",
        "स्वतंत्र", "क्‍ष", "क़", "\u{1100}\u{1161}", "\u{1100}", "\u{1161}\u{11A8}", "Ｈｕｍａｎ", "ﬁnance", "Ω", "Å", "K",
        "\u{0301}", "\u{0308}a", "\u{0903}", "\u{20DD}", "e\u{0301}", "\u{00A8}", "\u{00B4}x", "\u{00A0}", "\u{3000}",
        "\u{200D}", "\u{200B}", "\u{FEFF}", "\u{0007}", "\u{202E}", "\u{2066}", "x\u{0345}", "\u{1E9B}\u{0323}", "½", "①",
        "ǅ", "Ǆ", "ß", "ẞ", "Σ", "σς", "ı", "\t", "\n", "", " ", "  ", "x\u{0301}\u{0327}", "\u{0327}\u{0301}",
        "C++", "LGBT+", "C#", "＋", "Ｃ＃", "#1", "+", "é+", "Мир+", "\u{0301}+", "+\u{0301}", "x+\u{0301}", "⁺",
    ]

    static func names(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        var names: [String] = []
        for _ in 0..<count {
            let words = Int.random(in: 1...5, using: &generator)
            var name = ""
            for index in 0..<words {
                if index > 0 { name += [" ", " ", "  ", "", "-"].randomElement(using: &generator) ?? " " }
                name += pieces.randomElement(using: &generator) ?? ""
            }
            names.append(name)
        }
        return names + pieces + pieces.flatMap { first in pieces.map { first + " " + $0 } }
    }

    @Test func theWordCacheNormalisesAsTheFullRuleDoes() {
        var normaliser = NameNormaliser()
        for name in Self.names(count: 20_000, seed: 2018) {
            #expect(normaliser.normalized(name) == Names.normalized(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func aWordStartingWithAMarkAfterASpaceTakesTheFullRule() {
        var normaliser = NameNormaliser()
        for name in ["abc \u{0308}x", "Société \u{0301}Liberté", "Центр \u{0301}"] {
            #expect(normaliser.normalized(name) == Names.normalized(name))
        }
    }

    @Test func asciiScalarsAreClassifiedAsTheUnicodeTablesSay() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(Names.ScalarKind(scalar) == Names.ScalarKind(category: scalar.properties.generalCategory), "U+\(value)")
        }
    }

    @Test func asciiWhiteSpaceIsWhatTheUnicodeTablesSay() {
        for value in UInt32(0)..<0x3001 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Names.isWhiteSpace(scalar) == scalar.properties.isWhitespace, "U+\(value)")
        }
    }

    @Test func formulaPrefixesAreFoundAndRemovedAsBefore() {
        var cells: [String] = ["", "'", "''", "=", "'=", "''=", "-1", "'-1", "@x", "\t", "'\t", "é=", "'é"]
        for name in Self.names(count: 2_000, seed: 5) {
            let variants: [String] = [name, "'" + name, "=" + name, "''+" + name, "\r\n" + name, "'" + name + "="]
            cells.append(contentsOf: variants)
        }
        for cell in cells {
            let neutralised: String = SpreadsheetFormula.neutralise(cell)
            let restored: String = SpreadsheetFormula.restore(cell)
            #expect(neutralised == Self.fullNeutralise(cell), "\(cell.debugDescription)")
            #expect(restored == Self.fullRestore(cell), "\(cell.debugDescription)")
        }
    }

    /// The formula rule as it was before the first-byte shortcut.
    static func startsWithTrigger(_ cell: String, minimum: Int) -> Bool {
        var prefixes = 0
        for scalar in cell.unicodeScalars {
            if scalar == SpreadsheetFormula.prefix {
                prefixes += 1
                continue
            }
            return prefixes >= minimum && SpreadsheetFormula.triggers.contains(scalar)
        }
        return false
    }

    static func fullNeutralise(_ cell: String) -> String {
        startsWithTrigger(cell, minimum: 0) ? String(SpreadsheetFormula.prefix) + cell : cell
    }

    static func fullRestore(_ cell: String) -> String {
        startsWithTrigger(cell, minimum: 1) ? String(cell.unicodeScalars.dropFirst()) : cell
    }

    @Test func nameProblemsAreFoundAsBefore() {
        for name in Self.names(count: 5_000, seed: 7) + [String(repeating: "é", count: 301), String(repeating: "e\u{0301}", count: 200)] {
            #expect(Names.problem(with: name) == Self.fullProblem(name), "\(name)")
        }
    }

    @Test func trimmingSpacesAndTabsMatchesFoundation() {
        let cells = Self.names(count: 5_000, seed: 11).map { $0 + ["", " ", "\t", "\u{00A0}", "\u{3000}", "\n"].randomElement()! }
            + [" a", "a ", "\ta\t", "\u{2003}x", "x\u{2003}", "\u{200B}", " \u{0301}", "a \u{0301}"]
        for cell in cells {
            #expect(SignatoryInput.trimmingWhitespaces(cell) == cell.trimmingCharacters(in: .whitespaces), "\(cell)")
        }
    }

    @Test func countryCodesAsStoredAreThemselves() throws {
        for code in Countries.allCodes {
            #expect(try OrganisationMatching.countryCode(code) == Countries.code(for: code))
        }
        for typed in ["gb", "Gb", "GB ", "ZZ", "XX", "Germany", "UK", "ГБ", " GB", "G B"] {
            #expect((try? OrganisationMatching.countryCode(typed)) == Countries.code(for: typed))
        }
    }

    @Test func emailAddressesAreJudgedAsBefore() {
        let typed = ["a@b.c", "name@example.org", "@example.org", "a@", "a@b", "a@.b", "a@b.", "a@b@c.d", "a b@c.d", "a@b.c\r\n",
                     "a\t@b.c", "é@b.c", "a@bé.c", "a@́b.c", "a@b.c ", "", "@", ".", "a@b..c", "Zoë@example.org", "x@y.z\u{0301}"]
        var generator = SeededGenerator(seed: 3)
        let alphabet = Array("ab.@ \t\r\né\u{0301}-_")
        let random = (0..<5_000).map { _ in String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for text in typed + random {
            #expect(SignatoryInput.looksLikeEmail(text) == Self.fullLooksLikeEmail(text), "\(text.debugDescription)")
        }
    }

    /// ``SignatoryInput/looksLikeEmail(_:)`` as it was before its ASCII shortcut.
    static func fullLooksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }

    /// ``Names/problem(with:)`` as it was before its shortcuts: the rule itself.
    static func fullProblem(_ name: String) -> String? {
        if name.isEmpty { return "a name cannot be empty" }
        if name.count > Names.maximumLength { return "a name can be at most \(Names.maximumLength) characters" }
        func hex(_ scalar: Unicode.Scalar) -> String {
            let digits = String(scalar.value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                return "a name cannot contain control characters (U+\(hex(scalar)))"
            }
            if [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].contains(scalar.value) {
                return "a name cannot contain the bidirectional control U+\(hex(scalar)); type the name without it"
            }
        }
        let hasLetterOrDigit = name.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .decimalNumber: return true
            default: return false
            }
        }
        if !hasLetterOrDigit && Names.normalized(name).isEmpty { return "a name needs at least one letter or digit" }
        return nil
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49A4_133B_111B
        return z ^ (z >> 31)
    }
}
