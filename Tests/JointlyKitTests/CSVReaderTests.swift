import Foundation
import Testing

@testable import JointlyKit

/// Reads every record of `text`, `chunkSize` bytes at a time.
private func readAll(
    _ bytes: [UInt8], delimiter: CSVDelimiter = .comma, chunkSize: Int = CSVReader.defaultChunkSize,
    limits: CSVReader.Limits = .standard
) throws -> [CSVRecord] {
    var reader = CSVReader(
        source: MemorySource(bytes: bytes), name: "in.csv", delimiter: delimiter, chunkSize: chunkSize,
        limits: limits)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

private func readAll(
    _ text: String, delimiter: CSVDelimiter = .comma, chunkSize: Int = CSVReader.defaultChunkSize
) throws -> [CSVRecord] {
    try readAll(Array(text.utf8), delimiter: delimiter, chunkSize: chunkSize)
}

/// The diagnostic the reader throws for `bytes`, checked to be the same at every chunk size.
private func diagnostic(
    _ bytes: [UInt8], delimiter: CSVDelimiter = .comma, limits: CSVReader.Limits = .standard
) -> Diagnostic? {
    var found: [Diagnostic?] = []
    for chunkSize in [1, 2, 3, 7, CSVReader.defaultChunkSize] {
        do {
            _ = try readAll(bytes, delimiter: delimiter, chunkSize: chunkSize, limits: limits)
            found.append(nil)
        } catch JointlyError.invalidFile(let diagnostics) where diagnostics.count == 1 {
            found.append(diagnostics[0])
        } catch {
            found.append(Diagnostic(path: "?", line: nil, message: "unexpected \(error)"))
        }
    }
    #expect(Set(found.map { $0?.description ?? "none" }).count == 1, "differs by chunk size: \(found)")
    return found.last ?? nil
}

private func diagnostic(_ text: String, delimiter: CSVDelimiter = .comma) -> Diagnostic? {
    diagnostic(Array(text.utf8), delimiter: delimiter)
}

private func rows(_ records: [CSVRecord]) -> [[String]] { records.map(\.fields) }

/// Inputs that must read the same whatever the chunk size.
private let validInputs: [String] = [
    "a,b,c\r\n1,2,3\r\n",
    "a,b,c\n1,2,3",
    "name,note\n\"Smith, Jane\",\"said \"\"hi\"\"\"\n",
    "name,note\r\n\"multi\r\nline\nfield\",x\r\n\"\",\r\n",
    "\u{FEFF}a,b\n1,2\n",
    "a,b\n\n\r\n1,2\n\n",
    "é,日本\n\"ü\nö\",🙂\n",
    ",\n,\n\"\",\"\"",
    "\"a\"\"\",\"\"\"\"\n\"\"\"x\",\"y\"\"\"\n",
]

@Suite struct CSVReaderTests {
    @Test func readsSimpleRecordsWithCRLF() throws {
        let records = try readAll("a,b,c\r\n1,2,3\r\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a", "b", "c"]), CSVRecord(line: 2, fields: ["1", "2", "3"])])
    }

    @Test func readsLFAndMixedLineEndings() throws {
        let records = try readAll("a,b\n1,2\r\n3,4\n5,6\r\n")
        #expect(rows(records) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func readsFinalRecordWithoutNewline() throws {
        #expect(rows(try readAll("a,b\n1,2")) == [["a", "b"], ["1", "2"]])
        #expect(rows(try readAll("a,b\n1,\"2\"")) == [["a", "b"], ["1", "2"]])
        #expect(rows(try readAll("a,b\n1,")) == [["a", "b"], ["1", ""]])
    }

    @Test func readsEmptyInputAsNoRecords() throws {
        #expect(try readAll("").isEmpty)
        #expect(try readAll("\n\r\n").isEmpty)
        #expect(try readAll([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func readsQuotedDelimitersAndDoubledQuotes() throws {
        let records = try readAll("name,note\n\"Smith, Jane\",\"said \"\"hi\"\"\"\n")
        #expect(rows(records) == [["name", "note"], ["Smith, Jane", "said \"hi\""]])
    }

    @Test func keepsLineBreaksInsideQuotesAndCountsLines() throws {
        let records = try readAll("name,note\r\n\"multi\r\nline\nfield\",x\r\nnext,y\r\n")
        #expect(rows(records) == [["name", "note"], ["multi\r\nline\nfield", "x"], ["next", "y"]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func readsEmptyFields() throws {
        let records = try readAll("a,b,c\n,,\n\"\",\"\",\"\"\n")
        #expect(rows(records) == [["a", "b", "c"], ["", "", ""], ["", "", ""]])
    }

    @Test func skipsByteOrderMark() throws {
        let records = try readAll("\u{FEFF}a,b\n1,2\n")
        #expect(rows(records) == [["a", "b"], ["1", "2"]])
        #expect(records[0].line == 1)
    }

    @Test func keepsByteOrderMarkThatIsNotAtTheStart() throws {
        #expect(rows(try readAll("a\n\u{FEFF}b\n")) == [["a"], ["\u{FEFF}b"]])
    }

    @Test func skipsBlankLinesAndKeepsLineNumbers() throws {
        let records = try readAll("\na,b\n\n\r\n1,2\n\n\n3,4\n\n")
        #expect(rows(records) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [2, 5, 8])
    }

    @Test func readsOneColumnWithQuotedEmptyField() throws {
        #expect(rows(try readAll("name\n\"\"\nx\n")) == [["name"], [""], ["x"]])
    }

    @Test func decodesUnicode() throws {
        #expect(rows(try readAll("é,日本\n\"ü\nö\",🙂\n")) == [["é", "日本"], ["ü\nö", "🙂"]])
        // A replacement character in the input is text, not a sign of repaired bytes.
        #expect(rows(try readAll("a\n\u{FFFD}x\n")) == [["a"], ["\u{FFFD}x"]])
    }

    @Test func readsSemicolonAndTab() throws {
        #expect(rows(try readAll("a;b\n\"x;y\";2,5\n", delimiter: .semicolon)) == [["a", "b"], ["x;y", "2,5"]])
        #expect(rows(try readAll("a\tb\n\"x\ty\"\t2,3\n", delimiter: .tab)) == [["a", "b"], ["x\ty", "2,3"]])
        #expect(rows(try readAll("a,b\n1,2\n", delimiter: .semicolon)) == [["a,b"], ["1,2"]])
    }

    @Test(arguments: validInputs)
    func readsTheSameAtEveryChunkSize(input: String) throws {
        let expected = try readAll(input)
        for chunkSize in [1, 2, 3, 4, 5, 7, 16] {
            #expect(try readAll(input, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func readsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-csv-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "n,v\n"
        for index in 0..<20_000 { text += "\"row \(index)\",\(index)\n" }
        try Data(text.utf8).write(to: url)
        var reader = try CSVReader(path: url.path)
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == 20_001)
        #expect(last == CSVRecord(line: 20_001, fields: ["row 19999", "19999"]))

        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var fromHandle = CSVReader(fileHandle: handle, name: "form.csv")
        #expect(try fromHandle.next()?.fields == ["n", "v"])
    }

    @Test func reportsAMissingFile() {
        #expect(throws: JointlyError.io(path: "/nonexistent/x.csv", reason: "cannot open: No such file or directory")) {
            _ = try CSVReader(path: "/nonexistent/x.csv")
        }
    }

    // MARK: - Errors

    @Test func reportsUnterminatedQuoteWhereItOpened() {
        let found = diagnostic("a,b\n1,2\n3,\"open\nmore\nstill\n")
        #expect(found == Diagnostic(
            path: "in.csv", line: 3,
            message: "quoted field is never closed: add the closing '\"' (a quote inside a quoted field is written twice, \"\")"))
    }

    @Test func reportsQuoteInsideUnquotedField() {
        let found = diagnostic("a,b\n1,2\nsay \"hi\",3\n")
        #expect(found == Diagnostic(
            path: "in.csv", line: 3,
            message: "'\"' inside a field that does not start with a quote: put the whole field in quotes and write the quote twice, as in \"say \"\"yes\"\"\""))
    }

    @Test func reportsTextAfterClosingQuote() {
        let found = diagnostic("a,b\n\"x\ny\"z,1\n")
        #expect(found == Diagnostic(
            path: "in.csv", line: 3,
            message: "text after the closing quote of a quoted field: end the field there with ',', or write a quote inside the field twice (\"\")"))
        #expect(diagnostic("a;b\n\"x\" ;1\n", delimiter: .semicolon)?.message
            == "text after the closing quote of a quoted field: end the field there with ';', or write a quote inside the field twice (\"\")")
    }

    @Test func reportsInvalidUTF8AtItsLine() {
        let invalid: [UInt8] = Array("a,b\n1,\"x\ny".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        #expect(diagnostic(invalid) == Diagnostic(
            path: "in.csv", line: 3,
            message: "text is not valid UTF-8: if Excel saved it as plain \"CSV\" (Windows, ANSI), add --encoding windows-1252; else save the file as \"CSV UTF-8\" (in LibreOffice: character set \"Unicode (UTF-8)\")"))
        // Latin-1 "é", as old spreadsheets save it.
        #expect(diagnostic(Array("a\n".utf8) + [0xE9] + Array("\n".utf8))?.line == 2)
        // A sequence cut short by the end of the field.
        #expect(diagnostic(Array("a,b\n".utf8) + [0xE6, 0x97] + Array(",x\n".utf8))?.line == 2)
    }

    @Test func reportsNulByte() {
        let found = diagnostic(Array("a,b\n1,\"2\n".utf8) + [0] + Array("\"\n".utf8))
        #expect(found == Diagnostic(
            path: "in.csv", line: 3,
            message: "NUL byte in the text: this is not a UTF-8 text file (if it was saved as UTF-16 or \"Unicode text\", add --encoding utf-16, or save it again as \"CSV UTF-8\")"))
        #expect(diagnostic(Array("a\n\"x\"".utf8) + [0])?.line == 2)
        #expect(diagnostic(Array("a\nx".utf8) + [0])?.line == 2)
    }

    @Test func reportsRaggedRows() {
        let found = diagnostic("a,b,c,d,e\n1,2,3,4,5\n\"x\ny\",2,3\n")
        #expect(found == Diagnostic(
            path: "in.csv", line: 3,
            message: "row has 3 fields but the header has 5: check for a missing or extra ',', and put fields that contain ',' in quotes"))
        #expect(diagnostic("a,b\n1\n")?.message
            == "row has 1 field but the header has 2: check for a missing or extra ',', and put fields that contain ',' in quotes")
        #expect(diagnostic("a\tb\n1\t2\t3\n", delimiter: .tab)?.message
            == "row has 3 fields but the header has 2: check for a missing or extra tab, and put fields that contain tab in quotes")
    }

    @Test func reportsLoneCarriageReturn() {
        let message = "carriage return (CR) not followed by a line feed: save the file with Windows (CRLF) or Unix (LF) line endings, or put the field in quotes"
        #expect(diagnostic("a,b\r1,2\r") == Diagnostic(path: "in.csv", line: 1, message: message))
        #expect(diagnostic("a,b\n1,2\n\rx")?.line == 3)
        #expect(diagnostic("a,b\n\"1\"\r2\n")?.line == 2)
        #expect(diagnostic("a,b\n1,2\r")?.line == 2)
    }

    @Test func reportsFieldOverTheLimit() throws {
        let limits = CSVReader.Limits(maxFieldBytes: 8, maxFieldsPerRecord: 100, maxRecordBytes: 1000)
        #expect(try readAll(Array("a\n12345678\n\"1234\"\"567\"\n".utf8), limits: limits).count == 3)
        let message = "field is longer than 8 bytes, the most Jointly reads: if it starts with a quote, check that the quote is closed"
        #expect(diagnostic(Array("a\n123456789\n".utf8), limits: limits)
            == Diagnostic(path: "in.csv", line: 2, message: message))
        #expect(diagnostic(Array("a\nb\n\"open\nand never closed\n".utf8), limits: limits)
            == Diagnostic(path: "in.csv", line: 3, message: message))
    }

    @Test func reportsFieldOverTheStandardLimit() {
        let big = Array("a\n".utf8) + [UInt8](repeating: 0x61, count: (1 << 20) + 1) + Array("\n".utf8)
        #expect(diagnostic(big)?.message
            == "field is longer than 1048576 bytes, the most Jointly reads: if it starts with a quote, check that the quote is closed")
    }

    @Test func reportsRecordsOverTheLimits() {
        let limits = CSVReader.Limits(maxFieldBytes: 100, maxFieldsPerRecord: 3, maxRecordBytes: 20)
        #expect(diagnostic(Array("a\n1,2,3,4\n".utf8), limits: limits) == Diagnostic(
            path: "in.csv", line: 2,
            message: "row has more than 3 fields, the most Jointly reads: check that the delimiter is ','"))
        #expect(diagnostic(Array("a\n\"1234567890\n1234567890\"\n".utf8), limits: limits) == Diagnostic(
            path: "in.csv", line: 2,
            message: "row is longer than 20 bytes, the most Jointly reads: check for a quoted field whose closing quote is missing"))
    }

    @Test func stopsAfterAnError() throws {
        var reader = CSVReader(string: "a\n\"x\"y\nb\n", name: "in.csv")
        #expect(try reader.next()?.fields == ["a"])
        #expect(throws: JointlyError.self) { try reader.next() }
        #expect(try reader.next() == nil)
    }

    @Test func namesStandardInputDash() {
        #expect(CSVReader.standardInput().name == "-")
    }
}
