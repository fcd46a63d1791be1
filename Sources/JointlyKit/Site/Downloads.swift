import Foundation

/// The signatory lists a statement's folder offers for download: public fields only.
///
/// Only verified signatures that may be named, sorted like the statement's page. No
/// contact detail and no person who signed: those are the coordinator's, not the public's.
/// The CSV uses `jointly import`'s headers, so a list can be carried to another project,
/// and neutralises spreadsheet formulas. Both are written from the same read of the
/// sorted signatures as the page (`StreamedFile`).
enum Downloads {
    /// The CSV's header row, in `jointly import`'s names.
    static let csvHeader = ["org", "short-name", "country", "kind", "website", "signed-at", "demands"]

    /// `signatories.csv` for `count` named signatories, open as `descriptor`.
    static func csv(descriptor: Int32, path: String, count: Int, demands: [DemandInfo]) -> StreamedFile<PublicSignature> {
        var header = CSVWriter(neutralisesFormulas: true)
        header.append(csvHeader)
        return StreamedFile(descriptor: descriptor, path: path, head: header.bytes, tail: [], count: count) { signatures, _, bytes in
            var writer = CSVWriter(neutralisesFormulas: true)
            for signature in signatures {
                writer.append([
                    signature.name, signature.shortName ?? "", signature.country ?? "", signature.kind ?? "",
                    signature.website ?? "", signature.signedAt, demandKeys(signature, demands: demands).joined(separator: ";"),
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
                for (position, key) in demandKeys(signature, demands: demands).enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    appendJSON(key, to: &bytes)
                }
                append("],\"signedAt\":", to: &bytes)
                appendJSON(signature.signedAt, to: &bytes)
                append(",\"version\":\(signature.version)}", to: &bytes)
            }
        }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: text.utf8)
    }

    /// The keys of the demands a signature endorses, in the statement's order.
    static func demandKeys(_ signature: PublicSignature, demands: [DemandInfo]) -> [String] {
        demands.indices.filter { signature.endorsed.contains($0) }.map { demands[$0].key }
    }

    /// `text` as a JSON string literal, or `null`.
    static func json(_ text: String?) -> String {
        var bytes: [UInt8] = []
        appendJSON(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, or `null`, byte by byte.
    static func appendJSON(_ text: String?, to bytes: inout [UInt8]) {
        guard let text else { return append("null", to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"", to: &bytes)
            case UInt8(ascii: "\\"): append("\\\\", to: &bytes)
            case 0x0A: append("\\n", to: &bytes)
            case 0x0D: append("\\r", to: &bytes)
            case 0x09: append("\\t", to: &bytes)
            case ..<0x20: append(String(format: "\\u%04x", byte), to: &bytes)
            // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end lines in JavaScript, where JSON is often pasted.
            case 0xE2 where utf8.count >= 2 && utf8[utf8.startIndex] == 0x80
                && (utf8[utf8.startIndex + 1] == 0xA8 || utf8[utf8.startIndex + 1] == 0xA9):
                append(utf8[utf8.startIndex + 1] == 0xA8 ? "\\u2028" : "\\u2029", to: &bytes)
                utf8 = utf8.dropFirst(2)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
