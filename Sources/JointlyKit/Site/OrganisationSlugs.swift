import Foundation

/// URL-safe, stable file names for organisation pages (`organisations/SLUG.html`).
///
/// The slug is the name transliterated to lowercase ASCII (Latin diacritics dropped,
/// Cyrillic romanised, other letters written as their code points), words joined by `-`.
/// Names that give the same slug are told apart deterministically: the organisation with
/// the lowest id keeps the plain slug, the others gain their country code, and if that
/// still collides, their id. Ids only grow, so a page keeps its address as others appear.
public enum OrganisationSlugs {
    /// The slug of every organisation in `organisations` (id, name, country), by id.
    public static func assign(_ organisations: [(id: Int64, name: String, country: String?)]) -> [Int64: String] {
        var taken = Set<String>()
        var result: [Int64: String] = [:]
        for organisation in organisations.sorted(by: { $0.id < $1.id }) {
            let slug = self.slug(id: organisation.id, name: organisation.name, country: organisation.country) { taken.contains($0) }
            taken.insert(slug)
            result[organisation.id] = slug
        }
        return result
    }

    /// The slug of one organisation, given which slugs the organisations of lower ids took.
    static func slug(id: Int64, name: String, country: String?, isTaken: (String) throws -> Bool) rethrows -> String {
        let plain = slug(name)
        let base = plain.isEmpty ? "organisation-\(id)" : plain
        var candidate = base
        if try isTaken(candidate), let country {
            candidate = "\(base)-\(country.lowercased())"
        }
        if try isTaken(candidate) {
            candidate = "\(base)-\(id)"
        }
        return candidate
    }

    /// `name` as lowercase ASCII words joined by `-`, at most about 80 characters.
    public static func slug(_ name: String) -> String {
        asciiSlug(name) ?? unicodeSlug(name)
    }

    /// ``slug(_:)`` of any name, through Unicode's properties and normalisation.
    static func unicodeSlug(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        func append(_ text: String) {
            if pendingDash && !out.isEmpty { out += "-" }
            pendingDash = false
            out += text
        }
        for scalar in name.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                append(String(scalar))
            } else if let latin = cyrillic[value] {
                if !latin.isEmpty { append(latin) }
            } else if let folded = Names.latinFolds[value] {
                append(folded)
            } else if scalar.properties.isAlphabetic {
                // A Latin letter with a diacritic decomposes to its base letter and marks.
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { (0x61...0x7A).contains($0.value) }
                if base.isEmpty {
                    pendingDash = true
                    append("u\(String(value, radix: 16))")
                    pendingDash = true
                } else {
                    append(String(String.UnicodeScalarView(base)))
                }
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingDash = true
            }
            if out.count >= 80 { break }
        }
        return out
    }

    /// ``slug(_:)`` of an ASCII name, byte by byte; nil for any other name. Most names are
    /// ASCII, and in ASCII the Unicode steps change nothing: letters and digits are kept
    /// (lowercased), and every other character separates words.
    static func asciiSlug(_ name: String) -> String? {
        var out: [UInt8] = []
        var pendingDash = false
        for byte in name.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                if pendingDash && !out.isEmpty { out.append(0x2D) }
                pendingDash = false
                out.append(lower)
                if out.count >= 80 { break }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Russian, Ukrainian and Belarusian letters, romanised after ISO 9 / BGN simplified.
    static let cyrillic: [UInt32: String] = {
        let pairs: [(Character, String)] = [
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "yo"), ("ж", "zh"),
            ("з", "z"), ("и", "i"), ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"),
            ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"),
            ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ъ", ""), ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "yu"),
            ("я", "ya"), ("і", "i"), ("ї", "yi"), ("є", "ye"), ("ґ", "g"), ("ў", "u"),
        ]
        var table: [UInt32: String] = [:]
        for (letter, latin) in pairs {
            for scalar in String(letter).unicodeScalars { table[scalar.value] = latin }
        }
        return table
    }()
}
