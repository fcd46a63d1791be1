import Foundation

/// The signatory lists a statement's folder offers for download: public fields only.
///
/// Only verified signatures that may be named, sorted like the statement's page. No
/// contact detail and no person who signed: those are the coordinator's, not the public's.
/// The CSV uses `jointly import`'s headers, so a list can be carried to another project,
/// and neutralises spreadsheet formulas.
enum Downloads {
    /// The CSV's header row, in `jointly import`'s names.
    static let csvHeader = ["org", "short-name", "country", "kind", "website", "signed-at", "demands"]

    /// Writes `signatories.csv` for `data`'s named signatories, in `sorted` order.
    static func writeCSV(_ sorted: [PublicSignature], data: StatementData, to output: SiteOutput, path: String) throws {
        try output.write(path) { descriptor in
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
            var writer = CSVWriter(fileHandle: handle, name: path, neutralisesFormulas: true)
            try writer.write(csvHeader)
            for signature in sorted {
                try writer.write([
                    signature.name, signature.shortName ?? "", signature.country ?? "", signature.kind ?? "",
                    signature.website ?? "", signature.signedAt, demandKeys(signature, data: data).joined(separator: ";"),
                ])
            }
            try writer.flush()
        }
    }

    /// Writes `signatories.json`: an array of objects, every key present, `null` where empty.
    static func writeJSON(_ sorted: [PublicSignature], data: StatementData, to output: SiteOutput, path: String) throws {
        try output.write(path) { descriptor in
            var writer = ChunkedWriter(descriptor: descriptor, path: path)
            try writer.append("[")
            for (index, signature) in sorted.enumerated() {
                var line = index == 0 ? "\n" : ",\n"
                line += "{\"organisation\":" + json(signature.name)
                line += ",\"shortName\":" + json(signature.shortName)
                line += ",\"country\":" + json(signature.country)
                line += ",\"website\":" + json(signature.website)
                line += ",\"kind\":" + json(signature.kind)
                line += ",\"demands\":[" + demandKeys(signature, data: data).map(json).joined(separator: ",") + "]"
                line += ",\"signedAt\":" + json(signature.signedAt)
                line += ",\"version\":\(signature.version)}"
                try writer.append(line)
            }
            try writer.append(sorted.isEmpty ? "]\n" : "\n]\n")
            try writer.flush()
        }
    }

    /// The keys of the demands a signature endorses, in the statement's order.
    static func demandKeys(_ signature: PublicSignature, data: StatementData) -> [String] {
        data.demands.indices.filter { signature.endorsed.contains($0) }.map { data.demands[$0].key }
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
