import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The kinds of file `jointly import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    case csv, tsv, json, ndjson

    /// The format a file name suggests: `.tsv`, `.json`, `.ndjson`/`.jsonl`, else CSV.
    public static func guess(path: String) -> ImportFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "tab": return .tsv
        case "json": return .json
        case "ndjson", "jsonl": return .ndjson
        default: return .csv
        }
    }

    /// The format of standard input, which has no name to go by, from its first bytes:
    /// `{` is NDJSON, `[` a JSON array, anything else CSV.
    static func sniff(_ head: [UInt8]) -> ImportFormat {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        switch bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
        case UInt8(ascii: "{"): return .ndjson
        case UInt8(ascii: "["): return .json
        default: return .csv
        }
    }
}

/// The character encodings an import file may be in; the text is read as UTF-8 after.
public enum TextEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without a byte order mark: the default.
    case utf8 = "utf-8"
    /// UTF-16: by its byte order mark, else by where the zero bytes of its ASCII characters
    /// (commas, line breaks) fall; little-endian, Excel's "Unicode text", when unclear.
    case utf16 = "utf-16"
    /// Windows-1252: Excel's "CSV" on Western-European Windows.
    case windows1252 = "windows-1252"
}

/// Opening an import file as a stream of UTF-8 bytes, whatever it was written in.
enum ImportInput {
    /// The bytes of `path` (`-`: standard input), transcoded to UTF-8.
    ///
    /// With no encoding given, a UTF-16 byte order mark is recognised; anything else
    /// is read as UTF-8, which the readers check strictly.
    static func open(path: String, encoding: TextEncoding?) throws -> PrefixedSource {
        let raw: any CSVByteSource
        if path == "-" {
            raw = FileDescriptorSource(descriptor: STDIN_FILENO, closeWhenDone: false, keepAlive: nil)
        } else {
            let descriptor = systemOpen(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw JointlyError.io(path: path, reason: "cannot open: \(CSVReader.systemError())")
            }
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(descriptor)
                throw JointlyError.io(path: path, reason: "is a folder, not a file")
            }
            raw = FileDescriptorSource(descriptor: descriptor, closeWhenDone: true, keepAlive: nil)
        }
        let peeked = try PrefixedSource(inner: raw, name: path)
        let head = peeked.prefix
        // A workbook is not text at all: say what it is rather than what byte is wrong.
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw JointlyError.invalidFile([Diagnostic(
                path: path, line: nil,
                message: "is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file: open it and save it as \"CSV UTF-8\", then import that")])
        }
        let bomUTF16LE = head.count >= 2 && head[0] == 0xFF && head[1] == 0xFE
        let bomUTF16BE = head.count >= 2 && head[0] == 0xFE && head[1] == 0xFF
        switch encoding {
        case .utf16:
            let bigEndian = bomUTF16BE || (!bomUTF16LE && Self.looksBigEndian(head))
            return try PrefixedSource(inner: UTF16Source(inner: peeked, bigEndian: bigEndian), name: path)
        case .windows1252:
            if isPlainlyUTF8(head) {
                throw JointlyError.io(
                    path: path,
                    reason: "is UTF-8, not windows-1252 (its accented or non-Latin letters are UTF-8's byte pairs; read as windows-1252 'é' would become 'Ã©'): leave out --encoding")
            }
            return try PrefixedSource(inner: Windows1252Source(inner: peeked), name: path)
        case .utf8:
            return peeked
        case nil:
            if bomUTF16LE || bomUTF16BE {
                return try PrefixedSource(inner: UTF16Source(inner: peeked, bigEndian: bomUTF16BE), name: path)
            }
            return peeked
        }
    }

    /// Whether UTF-16 without a byte order mark is big-endian: its ASCII characters then
    /// have their zero byte first (at even offsets), where little-endian has it second.
    static func looksBigEndian(_ head: [UInt8]) -> Bool {
        var even = 0, odd = 0
        for (offset, byte) in head.prefix(4096).enumerated() where byte == 0 {
            if offset % 2 == 0 { even += 1 } else { odd += 1 }
        }
        return even > odd
    }

    /// Whether `head` (a file's first bytes) has bytes past ASCII and they are all valid
    /// UTF-8 (a sequence cut off at the end aside). Windows-1252 text almost never is: its
    /// letters past ASCII are single bytes that UTF-8 only allows after a lead byte.
    static func isPlainlyUTF8(_ head: [UInt8]) -> Bool {
        guard head.contains(where: { $0 >= 0x80 }) else { return false }
        var end = head.count
        // Drop a sequence the 64 KiB cut may have split: back up to its lead byte.
        var back = 0
        while back < 3, end - back - 1 >= 0, head[end - back - 1] & 0xC0 == 0x80 { back += 1 }
        if end - back - 1 >= 0, head[end - back - 1] >= 0xC0 { end -= back + 1 }
        var decoder = UTF8()
        var iterator = head[..<end].makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// The delimiter the first line of a CSV file uses, when it is plainly not a comma:
    /// a header with no comma outside quotes but a semicolon or tab.
    static func sniffDelimiter(_ head: [UInt8]) -> CSVDelimiter? {
        var inQuotes = false
        var counts: [UInt8: Int] = [:]
        for byte in head {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A { break }
            if byte == 0x2C || byte == 0x3B || byte == 0x09 { counts[byte, default: 0] += 1 }
        }
        // The most frequent delimiter of the header wins, so "Organisation;Country;Website,
        // if any" is semicolon-separated; a comma wins a tie, as the most common.
        let commas = counts[0x2C] ?? 0, semicolons = counts[0x3B] ?? 0, tabs = counts[0x09] ?? 0
        if semicolons > commas && semicolons >= tabs { return .semicolon }
        if tabs > commas && tabs > semicolons { return .tab }
        return nil
    }
}

/// A source whose first bytes are read ahead, so the format can be sniffed, then replayed.
final class PrefixedSource: CSVByteSource {
    /// Up to the first 64 KiB of the input.
    let prefix: [UInt8]
    private var offset = 0
    private let inner: any CSVByteSource

    init(inner: any CSVByteSource, name: String) throws {
        self.inner = inner
        var head = [UInt8](repeating: 0, count: 64 * 1024)
        var filled = 0
        while filled < head.count {
            let count = try head.withUnsafeMutableBytes { bytes in
                try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]), name: name)
            }
            if count == 0 { break }
            filled += count
        }
        prefix = Array(head[..<filled])
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        if offset < prefix.count {
            let count = min(buffer.count, prefix.count - offset)
            prefix[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
            offset += count
            return count
        }
        return try inner.read(into: buffer, name: name)
    }
}

/// Turns another source's bytes into UTF-8 a chunk at a time, so memory stays flat.
class TranscodingSource: CSVByteSource {
    private let inner: any CSVByteSource
    private var input = [UInt8](repeating: 0, count: 32 * 1024)
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var ended = false

    init(inner: any CSVByteSource) {
        self.inner = inner
    }

    /// Appends the UTF-8 for `bytes` to `output`; `final` when no more input follows.
    func transcode(_ bytes: ArraySlice<UInt8>, final: Bool, into output: inout [UInt8]) {}

    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        while outputOffset == output.count {
            if ended { return 0 }
            output.removeAll(keepingCapacity: true)
            outputOffset = 0
            let count = try input.withUnsafeMutableBytes { try inner.read(into: $0, name: name) }
            if count == 0 { ended = true }
            transcode(input[..<count], final: count == 0, into: &output)
        }
        let count = min(buffer.count, output.count - outputOffset)
        output[outputOffset..<(outputOffset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        outputOffset += count
        return count
    }

    static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(value) else {
            // Not a character: a byte that is never UTF-8, so the reader reports the line.
            output.append(0xFF)
            return
        }
        output.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [0xFF])
    }
}

/// Windows-1252 to UTF-8: one byte is one character.
final class Windows1252Source: TranscodingSource {
    /// The characters 0x80–0x9F stand for; the five undefined bytes map to C1 controls, as browsers do.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    override func transcode(_ bytes: ArraySlice<UInt8>, final: Bool, into output: inout [UInt8]) {
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else if byte < 0xA0 {
                Self.appendUTF8(Self.high[Int(byte - 0x80)], to: &output)
            } else {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            }
        }
    }
}

/// UTF-16 to UTF-8, surrogate pairs and units split across chunks included.
final class UTF16Source: TranscodingSource {
    private let bigEndian: Bool
    private var carry: [UInt8] = []
    private var highSurrogate: UInt32?
    private var started = false

    init(inner: any CSVByteSource, bigEndian: Bool) {
        self.bigEndian = bigEndian
        super.init(inner: inner)
    }

    override func transcode(_ bytes: ArraySlice<UInt8>, final: Bool, into output: inout [UInt8]) {
        var data = carry + bytes
        carry = []
        if !started, data.count >= 2 {
            started = true
            if (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) { data.removeFirst(2) }
        }
        var index = 0
        while index + 1 < data.count {
            let unit = bigEndian
                ? UInt32(data[index]) << 8 | UInt32(data[index + 1])
                : UInt32(data[index + 1]) << 8 | UInt32(data[index])
            index += 2
            if let high = highSurrogate {
                highSurrogate = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    Self.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                    continue
                }
                output.append(0xFF)
            }
            if (0xD800...0xDBFF).contains(unit) {
                highSurrogate = unit
            } else {
                Self.appendUTF8(unit, to: &output)
            }
        }
        carry = Array(data[index...])
        if final && (highSurrogate != nil || !carry.isEmpty) { output.append(0xFF) }
    }
}

private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Darwin)
    return Darwin.open(path, flags)
    #elseif canImport(Glibc)
    return Glibc.open(path, flags)
    #else
    return Musl.open(path, flags)
    #endif
}
