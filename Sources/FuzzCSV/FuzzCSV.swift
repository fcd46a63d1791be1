import FuzzSupport
import JointlyKit

/// Fuzzes `CSVReader`: the first byte picks the delimiter, the rest is the file.
///
/// Besides not crashing, the reader must keep what its documentation promises: records
/// come in order of their lines, every line named exists in the input, every record has
/// the header's number of fields, and an error is one diagnostic with a line.
@main
enum FuzzCSV {
    static func main() {
        FuzzDriver.run { data, size in
            FuzzCSV.check(FuzzDriver.bytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        guard let first = input.first else { return }
        let delimiter = CSVDelimiter.allCases[Int(first) % CSVDelimiter.allCases.count]
        let bytes = Array(input.dropFirst())
        let lastLine = 1 + bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var reader = CSVReader(bytes: bytes, name: "fuzz.csv", delimiter: delimiter)
        var previousLine = 0
        var fieldCount: Int?
        do {
            while let record = try reader.next() {
                guard record.line > previousLine, record.line <= lastLine else {
                    FuzzDriver.violated("record lines increase and exist", "line \(record.line) after \(previousLine), last \(lastLine)")
                }
                previousLine = record.line
                if let fieldCount, record.fields.count != fieldCount {
                    FuzzDriver.violated("records have the header's field count", "\(record.fields.count) fields, header \(fieldCount)")
                }
                fieldCount = fieldCount ?? record.fields.count
            }
        } catch JointlyError.invalidFile(let diagnostics) {
            guard diagnostics.count == 1, let line = diagnostics[0].line, line >= max(previousLine, 1), line <= lastLine else {
                FuzzDriver.violated("an error has one diagnostic on an existing line", "\(diagnostics), last line \(lastLine)")
            }
        } catch {
            FuzzDriver.violated("a reader over memory throws only invalidFile", "\(error)")
        }
        if (try? reader.next()) != nil {
            FuzzDriver.violated("a finished reader returns nil", "")
        }
    }
}

#if FUZZING
/// The entry libFuzzer's own `main` calls. A debug build renames the Swift `main` (so
/// executables can be tested), and the linker then takes libFuzzer's, which needs this.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzCSV.check(FuzzDriver.bytes(data, size))
    return 0
}
#endif
