import CLibFuzzer
import Foundation

/// What every fuzz target's `main` calls: libFuzzer with `FUZZING`, a replayer without.
///
/// A plain SwiftPM `main` replaces libFuzzer's own, which then never runs, so a target
/// hands its callback to `LLVMFuzzerRunDriver` explicitly. Built without `-DFUZZING` (the
/// normal `swift build`), the same program runs the callback once over each file named
/// on the command line, so a crashing input found by `scripts/fuzz` can be replayed and
/// debugged in an ordinary debug build.
public enum FuzzDriver {
    /// The signature libFuzzer calls: one input's bytes, returning 0.
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Runs `callback` under libFuzzer (or over the named files) and exits with its status.
    public static func run(_ callback: Callback) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            let name = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "fuzzer"
            print("\(name) was built without the fuzzer: run scripts/fuzz, or pass input files to replay them")
            exit(2)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(1)
            }
            _ = [UInt8](data).withUnsafeBufferPointer { callback($0.baseAddress, $0.count) }
            print("ok: \(path)")
        }
        exit(0)
        #endif
    }

    /// The input's bytes as an array (libFuzzer passes a null pointer for the empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Stops the process so libFuzzer reports the input, after saying which property broke.
    public static func violated(_ property: String, _ details: @autoclosure () -> String) -> Never {
        FileHandle.standardError.write(Data("property violated: \(property)\n\(details())\n".utf8))
        // abort() is a deadly signal to libFuzzer, which then saves the input.
        abort()
    }
}
