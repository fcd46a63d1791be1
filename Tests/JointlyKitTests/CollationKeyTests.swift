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

    @Test("the bytes of a level order as the levels do, and none is the prefix of another")
    func levelCodes() {
        var values: [UInt32] = [0, 1, 0x7E, 0x7F, 0x80, 0x81, 0xFF, 0x100, 0x1FFF, 0x2000, 0x2001, 0xFFFF, 0x1F_FFFF]
        for script in [1, 2, 6, 7, 0x3E, 0x3F, 0x40, 0x7FF] as [UInt32] {
            values += [0, 0x41, 0x7F, 0x80, 0x430, 0x1FFF, 0x2000, 0x4E2D, 0x1F_FFFF].map { script << 21 | $0 }
        }
        values.append(UInt32.max)
        let codes = values.map { value in
            var bytes: [UInt8] = []
            SortKey.append(value, to: &bytes)
            return bytes
        }
        for (left, leftCode) in zip(values, codes) {
            for (right, rightCode) in zip(values, codes) where left != right {
                #expect(leftCode.lexicographicallyPrecedes(rightCode) == (left < right), "\(left) \(right)")
                #expect(!rightCode.starts(with: leftCode), "\(left) is a prefix of \(right)")
            }
        }
    }

    @Test("a key written straight to bytes is the key's bytes", arguments: ["en", "ru"])
    func asciiBytesMatch(language: String) {
        let collation = Collation(language: language)
        // One scratch for every name, as the SQL function keeps one.
        var scratch = Collation.Scratch()
        for name in Self.names() {
            var bytes: [UInt8] = []
            var utf8 = Array(name.utf8)
            let ascii = utf8.withUnsafeMutableBufferPointer { collation.appendASCIIKey(utf8: UnsafeBufferPointer($0), to: &bytes) }
            #expect(ascii == name.utf8.allSatisfy { $0 < 0x80 })
            if ascii { #expect(bytes == collation.key(name).bytes, "\(name.debugDescription)") } else { #expect(bytes.isEmpty) }
            var written: [UInt8] = []
            collation.appendKey(name, to: &written, scratch: &scratch)
            #expect(written == collation.tableKey(name).bytes, "\(name.debugDescription)")
        }
    }
}
