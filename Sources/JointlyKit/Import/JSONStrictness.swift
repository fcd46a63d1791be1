import Foundation

/// What Foundation's `JSONDecoder` lets pass that an import must refuse, found in bytes
/// it has already decoded: a key given twice in one object (the decoder keeps one of the
/// values without a word, so a row could be signed with the other name), and a comma
/// before a closing bracket, which JSON does not allow and which often marks a row that
/// was deleted by hand.
enum JSONStrictness {
    /// The first such problem in `bytes` (valid JSON otherwise), with its line: lines are
    /// counted from `firstLine`, the line `bytes` start on.
    static func problem(in bytes: [UInt8], firstLine: Int = 1) -> (line: Int, message: String)? {
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
                            return (line, "the key '\(key)' appears twice in one object, and only one value could be used; keep one")
                        }
                    }
                }
                continue
            }
            switch byte {
            case 0x22:
                inString = true
                stringStart = index + 1
            case 0x7B: open.append(Container(isObject: true, expectsKey: true))
            case 0x5B: open.append(Container(isObject: false, expectsKey: false))
            case 0x7D, 0x5D:
                if lastSignificant == 0x2C {
                    return (lastSignificantLine, "a comma before '\(byte == 0x7D ? "}" : "]")', which JSON does not allow: remove it (was an entry deleted there?)")
                }
                if !open.isEmpty { open.removeLast() }
            case 0x2C:
                if let top = open.indices.last, open[top].isObject { open[top].expectsKey = true }
            default: break
            }
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                lastSignificant = byte
                lastSignificantLine = line
            }
        }
        return nil
    }

    /// A key's text: as written, or decoded when it has an escape (`"o\u0072g"` is `org`).
    private static func key(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data([0x22] + raw + [0x22])
        return (try? JSONDecoder().decode(String.self, from: quoted)) ?? String(decoding: raw, as: UTF8.self)
    }
}
