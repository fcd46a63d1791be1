import Foundation

/// One pass over the bytes of a JSON import file: where each element of a top-level array
/// starts, for messages about a row, and the first of what Foundation's `JSONDecoder`
/// lets pass that an import must refuse: a key given twice in one object (the decoder
/// keeps one of the values without a word, so a row could be signed with the other name),
/// and a comma before a closing bracket, which JSON does not allow and which often marks
/// a row deleted by hand. The problem is reported only once the decoder has read the
/// bytes, so broken JSON gets the decoder's own message.
struct JSONScan {
    /// The line on which each element of a top-level array starts.
    private(set) var elementLines: [Int] = []
    /// The first problem, with its line.
    private(set) var problem: (line: Int, message: String)?

    /// Scans `bytes`, which start on line `firstLine`.
    init(_ bytes: [UInt8], firstLine: Int = 1) {
        /// An open object or array; an object keeps its keys, to find a second one. They are
        /// compared as Swift strings, as the decoder compares them: "é" composed or not is one key.
        struct Container {
            var isObject: Bool
            var keys: Set<String> = []
            var expectsKey: Bool
        }
        var open: [Container] = []
        var line = firstLine
        var inString = false, escaped = false
        var stringStart = 0
        var lastSignificant: UInt8 = 0, lastSignificantLine = firstLine
        var expectsElement = false
        func found(_ line: Int, _ message: String) {
            if problem == nil { problem = (line, message) }
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                    if let top = open.indices.last, open[top].isObject, open[top].expectsKey {
                        open[top].expectsKey = false
                        let key = Self.key(bytes[stringStart..<index])
                        if !open[top].keys.insert(key).inserted {
                            found(line, "the key '\(key)' appears twice in one object, and only one value could be used; keep one")
                        }
                    }
                }
                continue
            }
            let significant = byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09
            if expectsElement && significant && byte != 0x5D {
                elementLines.append(line)
                expectsElement = false
            }
            switch byte {
            case 0x22:
                inString = true
                stringStart = index + 1
            case 0x7B: open.append(Container(isObject: true, expectsKey: true))
            case 0x5B:
                if open.isEmpty { expectsElement = true }
                open.append(Container(isObject: false, expectsKey: false))
            case 0x7D, 0x5D:
                if lastSignificant == 0x2C {
                    found(lastSignificantLine, "a comma before '\(byte == 0x7D ? "}" : "]")', which JSON does not allow: remove it (was an entry deleted there?)")
                }
                if !open.isEmpty { open.removeLast() }
            case 0x2C:
                if let top = open.indices.last {
                    if open[top].isObject { open[top].expectsKey = true } else if open.count == 1 { expectsElement = true }
                }
            default: break
            }
            if significant {
                lastSignificant = byte
                lastSignificantLine = line
            }
        }
    }

    /// A key's text: as written, or decoded when it has an escape (`"o\u0072g"` is `org`).
    private static func key(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data([0x22] + raw + [0x22])
        return (try? JSONDecoder().decode(String.self, from: quoted)) ?? String(decoding: raw, as: UTF8.self)
    }
}
