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
                var line = index == 0 ? "\n" : ",\n"
                line += "{\"organisation\":" + json(signature.name)
                line += ",\"shortName\":" + json(signature.shortName)
                line += ",\"country\":" + json(signature.country)
                line += ",\"website\":" + json(signature.website)
                line += ",\"kind\":" + json(signature.kind)
                line += ",\"demands\":[" + demandKeys(signature, demands: demands).map(json).joined(separator: ",") + "]"
                line += ",\"signedAt\":" + json(signature.signedAt)
                line += ",\"version\":\(signature.version)}"
                bytes.append(contentsOf: line.utf8)
            }
        }
    }

    /// The keys of the demands a signature endorses, in the statement's order.
    static func demandKeys(_ signature: PublicSignature, demands: [DemandInfo]) -> [String] {
        demands.indices.filter { signature.endorsed.contains($0) }.map { demands[$0].key }
    }

    /// `text` as a JSON string literal, or `null`.
    static func json(_ text: String?) -> String {
        guard let text else { return "null" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // U+2028 and U+2029 end lines in JavaScript, where JSON is often pasted.
            case "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
