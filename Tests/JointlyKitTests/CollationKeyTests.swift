import Testing

@testable import JointlyKit

@Suite struct CollationKeyTests {
    /// Names from every script the pages meet, ASCII and not, with controls and symbols.
    static func names() -> [String] {
        var names = [
            "Amnesty International", "ARTICLE 19", "article 19", "Access Now", "  spaced  out  ",
            "*Bold* <script> & 97", "tab\there", "line\nbreak", "del\u{7F}", "nul\u{0}", "~tilde^caret`",
            "Свобода Право 12", "Ёж", "Défense Liberté", "Ørsted", "Straße", "東京人権", "مرصد", "Ελλάδα",
            "Łódź", "e\u{301}clair", "ǅemal", "İstanbul", "ΣΊΣΥΦΟΣ", "Ǆ", "ﬀ", "Ꭰ", "ａｂｃ", "\u{1F600} smile", "Հայաստան", "עברית", "Éclair", "ﬁnance", "Ⅻ Legion", "１２３", "x\u{200D}y", "",
        ]
        for byte in UInt8(0)...UInt8(0x7F) {
            names.append(String(decoding: [byte], as: UTF8.self))
            names.append("A" + String(decoding: [byte], as: UTF8.self) + "z")
        }
        for value in UInt32(0x80)..<0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            names.append(String(scalar))
            names.append("A" + String(scalar) + "b")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t")
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...24, using: &generator)
            names.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        }
        return names
    }

    @Test("the ASCII fast path makes the same key as the full path", arguments: ["en", "ru", "uk", "de"])
    func asciiKeysMatch(language: String) {
        let collation = Collation(language: language)
        for name in Self.names() {
            #expect(collation.key(name) == collation.unicodeKey(name), "\(name.debugDescription)")
            #expect(collation.tableKey(name) == collation.unicodeKey(name), "\(name.debugDescription)")
            if name.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(collation.asciiKey(name) != nil)
            } else {
                #expect(collation.asciiKey(name) == nil)
            }
        }
    }

    @Test("names sort the same by either key", arguments: ["en", "ru"])
    func orderMatches(language: String) {
        let collation = Collation(language: language)
        let names = Self.names()
        let fast = names.sorted { collation.key($0) < collation.key($1) }
        let full = names.sorted { collation.unicodeKey($0) < collation.unicodeKey($1) }
        #expect(fast == full)
    }
}
