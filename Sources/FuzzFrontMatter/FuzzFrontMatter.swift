import FuzzSupport
import JointlyKit

/// Fuzzes `StatementFileParser.parse(contents:path:)` with any text as a statement file.
///
/// Besides not crashing (Yams and libyaml see everything between the fences), every
/// problem it reports must carry a line inside the file, as the design promises.
@main
enum FuzzFrontMatter {
    static func main() {
        FuzzDriver.run { data, size in
            FuzzFrontMatter.check(FuzzDriver.bytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        let contents = String(decoding: input, as: UTF8.self)
        let lastLine = 2 + contents.utf8.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        do {
            _ = try StatementFileParser.parse(contents: contents, path: "statements/fuzz.md")
        } catch JointlyError.invalidFile(let diagnostics) {
            guard !diagnostics.isEmpty else {
                FuzzDriver.violated("an invalid file has a problem", "")
            }
            for diagnostic in diagnostics {
                guard let line = diagnostic.line, line >= 1, line <= lastLine else {
                    FuzzDriver.violated("every problem has a line in the file", "\(diagnostic), last line \(lastLine)")
                }
            }
        } catch {
            FuzzDriver.violated("parsing throws only invalidFile", "\(error)")
        }
    }
}

#if FUZZING
/// The entry libFuzzer's own `main` calls. A debug build renames the Swift `main` (so
/// executables can be tested), and the linker then takes libFuzzer's, which needs this.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzFrontMatter.check(FuzzDriver.bytes(data, size))
    return 0
}
#endif
