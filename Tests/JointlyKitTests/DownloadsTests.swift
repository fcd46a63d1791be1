import Foundation
import Testing

@testable import JointlyKit

@Suite struct DownloadsTests {
    @Test("a JSON string literal decodes to the text it was made from, line separators escaped", arguments: [
        "", "plain", "\"quoted\" \\ back", "line\nbreak\r\ttab", "\u{1}\u{1F}\u{7F}", "€ £ Свобода 東京",
        "\u{2028}", "a\u{2029}b", "ends \u{2028}", "\u{E2}", "x\u{2027}\u{202A}", "😀 \"\u{2028}\"",
    ])
    func jsonLiteral(text: String) throws {
        let literal = Downloads.json(text)
        #expect(!literal.contains("\u{2028}") && !literal.contains("\u{2029}"))
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }

    @Test("an absent value is null")
    func jsonNull() {
        #expect(Downloads.json(nil) == "null")
    }
}
