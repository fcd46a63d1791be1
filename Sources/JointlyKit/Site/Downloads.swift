import Foundation

/// The signatory lists a statement's folder offers for download: public fields only.
///
/// Only verified signatures that may be named, sorted like the statement's page. No
/// contact detail and no person who signed: those are the coordinator's, not the public's.
/// `on-behalf` is false where a person signed in their own name and the organisation is
/// their affiliation only, so the list does not say the organisation signed.
/// The CSV uses `jointly import`'s headers, so a list can be carried to another project,
/// and neutralises spreadsheet formulas. Both are written from the same read of the
/// sorted signatures as the page (`StreamedFile`).
enum Downloads {
    /// The CSV's header row, in `jointly import`'s names.
    static let csvHeader = ["org", "short-name", "country", "kind", "website", "signed-at", "demands", "on-behalf"]

    /// `signatories.csv` for `count` named signatories, open as `descriptor`.
    static func csv(descriptor: Int32, path: String, count: Int, demands: [DemandInfo]) -> StreamedFile<PublicSignature> {
        var header = CSVWriter(neutralisesFormulas: true)
        header.append(csvHeader)
        return StreamedFile(descriptor: descriptor, path: path, head: header.bytes, tail: [], count: count) { signatures, _, bytes in
            var writer = CSVWriter(neutralisesFormulas: true)
            var cells = DemandCells(demands) { $0.joined(separator: ";") }
            for signature in signatures {
                writer.append([
                    signature.name, signature.shortName ?? "", signature.country ?? "", signature.kind ?? "",
                    signature.website ?? "", signature.signedAt, cells.cell(signature.endorsed),
                    signature.onBehalf ? "true" : "false",
                ])
            }
            bytes.append(contentsOf: writer.bytes)
        }
    }

    /// `signatories.json` for `count` named signatories: an array of objects, every key
    /// present, `null` where empty.
    static func json(descriptor: Int32, path: String, count: Int, demands: [DemandInfo]) -> StreamedFile<PublicSignature> {
        StreamedFile(descriptor: descriptor, path: path, head: Array("[".utf8), tail: Array((count == 0 ? "]\n" : "\n]\n").utf8),
                     count: count) { signatures, range, bytes in
            var cells = DemandCells(demands) { keys in
                var bytes: [UInt8] = []
                for (position, key) in keys.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    appendJSON(key, to: &bytes)
                }
                return bytes
            }
            for (index, signature) in zip(range, signatures) {
                append(index == 0 ? "\n{\"organisation\":" : ",\n{\"organisation\":", to: &bytes)
                appendJSON(signature.name, to: &bytes)
                append(",\"shortName\":", to: &bytes)
                appendJSON(signature.shortName, to: &bytes)
                append(",\"country\":", to: &bytes)
                appendJSON(signature.country, to: &bytes)
                append(",\"website\":", to: &bytes)
                appendJSON(signature.website, to: &bytes)
                append(",\"kind\":", to: &bytes)
                appendJSON(signature.kind, to: &bytes)
                append(",\"demands\":[", to: &bytes)
                bytes.append(contentsOf: cells.cell(signature.endorsed))
                append("],\"signedAt\":", to: &bytes)
                appendJSON(signature.signedAt, to: &bytes)
                append(",\"version\":\(signature.version),\"onBehalf\":\(signature.onBehalf)}", to: &bytes)
            }
        }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: text.utf8)
    }

    /// The keys of the demands a signature endorses, in the statement's order.
    static func demandKeys(_ endorsed: DemandSet, demands: [DemandInfo]) -> [String] {
        demands.indices.filter { endorsed.contains($0) }.map { demands[$0].key }
    }

    /// `text` as a JSON string literal, or `null`.
    static func json(_ text: String?) -> String {
        var bytes: [UInt8] = []
        appendJSON(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, or `null`, byte by byte: runs of bytes that
    /// need no escape are copied whole.
    static func appendJSON(_ text: String?, to bytes: inout [UInt8]) {
        guard var text else { return append("null", to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var clean = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escape: String
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case ..<0x20: escape = String(format: "\\u%04x", byte)
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end lines in JavaScript, where JSON is often pasted.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                append(escape, to: &bytes)
                index += byte == 0xE2 ? 3 : 1
                clean = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The demands cell of each set of endorsed demands, made once per set: a statement has a
/// handful of demands, so a list of any length has few different sets.
private struct DemandCells<Cell> {
    let demands: [DemandInfo]
    let make: ([String]) -> Cell
    private var cells: [UInt64: Cell] = [:]

    init(_ demands: [DemandInfo], make: @escaping ([String]) -> Cell) {
        self.demands = demands
        self.make = make
    }

    mutating func cell(_ endorsed: DemandSet) -> Cell {
        // Past 64 demands the mask does not tell the sets apart.
        guard endorsed.high.isEmpty else { return make(Downloads.demandKeys(endorsed, demands: demands)) }
        if let cell = cells[endorsed.low] { return cell }
        let cell = make(Downloads.demandKeys(endorsed, demands: demands))
        cells[endorsed.low] = cell
        return cell
    }
}
