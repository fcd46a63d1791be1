import Foundation
import Testing

@testable import JointlyKit

private func written(
    _ records: [[String]], delimiter: CSVDelimiter = .comma, neutralise: Bool = false
) throws -> String {
    var writer = CSVWriter(delimiter: delimiter, neutralisesFormulas: neutralise)
    for record in records { try writer.write(record) }
    return writer.text
}

private func readBack(_ text: String, delimiter: CSVDelimiter = .comma, chunkSize: Int = 3) throws -> [[String]] {
    var reader = CSVReader(
        source: MemorySource(bytes: Array(text.utf8)), name: "out.csv", delimiter: delimiter, chunkSize: chunkSize)
    var rows: [[String]] = []
    while let record = try reader.next() { rows.append(record.fields) }
    return rows
}

/// A deterministic generator, so that a failure can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let awkward: [String] = [
    "", " ", "plain", "with,comma", "with;semicolon", "with\ttab", "\"quoted\"", "say \"hi\"", "\"",
    "\"\"", "line\nbreak", "crlf\r\nbreak", "lone\rcr", "\r\n", "trailing\n", "Ærøskøbing", "Œuvre — «text»",
    "日本語の名前", "Организация «Мемориал»", "مؤسسة", "🙂👩🏽‍💻", "e\u{301}", "=SUM(A1:A2)", "+1", "-5",
    "@handle", "\tindented", "\rstart", "'=already", "''+x", "'", "a'b",
]

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhenNeeded() throws {
        let text = try written([["name", "note"], ["Smith, Jane", "say \"hi\""], ["a\nb", "c\rd"], ["plain", " x "]])
        #expect(text == "name,note\r\n\"Smith, Jane\",\"say \"\"hi\"\"\"\r\n\"a\nb\",\"c\rd\"\r\nplain, x \r\n")
    }

    @Test func quotesTheDelimiterInUse() throws {
        #expect(try written([["a;b", "c,d"]], delimiter: .semicolon) == "\"a;b\";c,d\r\n")
        #expect(try written([["a\tb", "c,d"]], delimiter: .tab) == "\"a\tb\"\tc,d\r\n")
    }

    @Test func writesALoneEmptyFieldQuoted() throws {
        #expect(try written([["name"], [""], ["x"]]) == "name\r\n\"\"\r\nx\r\n")
        #expect(try readBack(try written([["name"], [""], ["x"]])) == [["name"], [""], ["x"]])
        #expect(try written([["", ""]]) == ",\r\n")
    }

    @Test func neutralisesFormulasWhenAsked() throws {
        let row = ["=1+2", "+x", "-5", "@a", "\tt", "\rr", "'=x", "ok", "a=b"]
        #expect(try written([row], neutralise: true) == "'=1+2,'+x,'-5,'@a,'\tt,\"'\rr\",''=x,ok,a=b\r\n")
        #expect(try written([row]) == "=1+2,+x,-5,@a,\tt,\"\rr\",'=x,ok,a=b\r\n")
    }

    @Test func writesByteOrderMarkWhenAsked() {
        let writer = CSVWriter(neutralisesFormulas: true, byteOrderMark: true)
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF])
    }

    @Test(arguments: [CSVDelimiter.comma, .semicolon, .tab])
    func roundTripsAwkwardStrings(delimiter: CSVDelimiter) throws {
        var records: [[String]] = [awkward]
        for (index, value) in awkward.enumerated() {
            records.append(awkward.indices.map { $0 == index ? value : "\(index)" })
        }
        for chunkSize in [1, 2, 5, 64 * 1024] {
            #expect(try readBack(try written(records, delimiter: delimiter), delimiter: delimiter, chunkSize: chunkSize) == records)
        }
        let neutralised = try readBack(try written(records, delimiter: delimiter, neutralise: true), delimiter: delimiter)
        #expect(neutralised.map { $0.map(SpreadsheetFormula.restore) } == records)
    }

    @Test func roundTripsOneColumn() throws {
        let records = awkward.map { [$0] }
        #expect(try readBack(try written(records)) == records)
    }

    @Test func writesToAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        var writer = CSVWriter(fileHandle: handle, name: url.path, neutralisesFormulas: false)
        var expected: [[String]] = []
        // Enough rows to pass the flush threshold several times.
        for index in 0..<10_000 {
            let row = ["row \(index)", "=\(index)", "a,b"]
            expected.append(row)
            try writer.write(row)
        }
        try writer.flush()
        try handle.close()
        #expect(writer.bytes.isEmpty)
        var reader = try CSVReader(path: url.path)
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        #expect(rows == expected)
    }
}

@Suite struct SpreadsheetFormulaTests {
    @Test func neutralisesEveryTrigger() {
        for trigger in SpreadsheetFormula.triggers {
            let cell = String(trigger) + "x"
            #expect(SpreadsheetFormula.neutralise(cell) == "'" + cell)
            #expect(SpreadsheetFormula.restore("'" + cell) == cell)
        }
    }

    @Test func triggersAreTheDesignedList() {
        #expect(SpreadsheetFormula.triggers == ["=", "+", "-", "@", "\t", "\r"])
    }

    @Test func leavesOtherCellsAlone() {
        for cell in ["", "a", "'", "''", "'a", "a=b", " =x", "1", "\"=x\"", "\n=x"] {
            #expect(SpreadsheetFormula.neutralise(cell) == cell)
            #expect(SpreadsheetFormula.restore(cell) == cell)
        }
    }

    @Test func keepsNamesThatStartWithAQuote() {
        #expect(SpreadsheetFormula.neutralise("'=x") == "''=x")
        #expect(SpreadsheetFormula.neutralise("''+x") == "'''+x")
        #expect(SpreadsheetFormula.restore("''=x") == "'=x")
        #expect(SpreadsheetFormula.restore("'''+x") == "''+x")
        #expect(SpreadsheetFormula.restore("'=x") == "=x")
    }

    @Test func treatsCRLFAsStartingWithCR() {
        // "\r\n" is a single Character; the rule must still see the carriage return.
        #expect(SpreadsheetFormula.neutralise("\r\nx") == "'\r\nx")
        #expect(SpreadsheetFormula.restore("'\r\nx") == "\r\nx")
    }

    @Test(arguments: awkward)
    func roundTripsAwkwardStrings(cell: String) {
        #expect(SpreadsheetFormula.restore(SpreadsheetFormula.neutralise(cell)) == cell)
    }

    @Test func roundTripsRandomStrings() {
        let alphabet: [Character] = ["'", "=", "+", "-", "@", "\t", "\r", "a", "\"", "\n"]
        var generator = SplitMix64(state: 20_240_601)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...6, using: &generator)
            let cell = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let neutralised = SpreadsheetFormula.neutralise(cell)
            #expect(SpreadsheetFormula.restore(neutralised) == cell, "\(cell.debugDescription)")
            // A neutralised cell never starts with a trigger.
            if let first = neutralised.unicodeScalars.first {
                #expect(!SpreadsheetFormula.triggers.contains(first), "\(cell.debugDescription)")
            }
        }
    }
}
