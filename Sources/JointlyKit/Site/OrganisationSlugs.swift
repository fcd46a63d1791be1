import Foundation

/// URL-safe, stable file names for organisation pages (`organisations/SLUG.html`).
///
/// The slug is the name transliterated to lowercase ASCII (Latin diacritics dropped,
/// Cyrillic romanised, other letters written as their code points), words joined by `-`.
/// Names that give the same slug are told apart deterministically: the organisation with
/// the lowest id keeps the plain slug, the others gain their country code, and if that
/// still collides, their id (and a counter, in the rare case that is taken too). Ids only
/// grow, so a page keeps its address as others appear.
public enum OrganisationSlugs {
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
            // An older organisation's own name can give even that ("Foo 3" before a third
            // "Foo" with id 3): count on until the slug is free, so no two pages share a file.
            var suffix = 2
            while try isTaken(candidate) {
                candidate = "\(base)-\(id)-\(suffix)"
                suffix += 1
            }
        }
        return candidate
    }

    /// `name` as lowercase ASCII words joined by `-`, at most about 80 characters.
    public static func slug(_ name: String) -> String {
        asciiSlug(name) ?? unicodeSlug(name)
    }

    /// ``slug(_:)`` of any name, through Unicode's properties and normalisation.
    static func unicodeSlug(_ name: String) -> String {
        let lowered = name.lowercased()
        // Without combining marks or characters that normalise to others, the name is
        // already composed (NFC), and each character's piece comes from the table.
        let composed = lowered.unicodeScalars.allSatisfy { $0.value < 0x800 && composedAlready[Int($0.value)] }
            ? lowered : lowered.precomposedStringWithCanonicalMapping
        return slug(composed.unicodeScalars) { $0.value < 0x800 ? pieces[Int($0.value)] : Piece($0) }
    }

    /// ``unicodeSlug(_:)`` without its tables, normalising every name and asking Unicode
    /// about every character: the reference the tables are tested against.
    static func normalisedSlug(_ name: String) -> String {
        slug(name.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars, piece: Piece.init)
    }

    /// The slug made of the pieces of `scalars`.
    private static func slug(_ scalars: String.UnicodeScalarView, piece: (Unicode.Scalar) -> Piece) -> String {
        var out = ""
        var pendingDash = false
        func append(_ text: String) {
            if pendingDash && !out.isEmpty { out += "-" }
            pendingDash = false
            out += text
        }
        for scalar in scalars {
            switch piece(scalar) {
            case .text(let text):
                append(text)
            case .codePoint(let text):
                pendingDash = true
                append(text)
                pendingDash = true
            case .separator:
                pendingDash = true
            case .nothing:
                break
            }
            // Every piece is ASCII, so bytes count characters (and `utf8.count` is not a walk).
            if out.utf8.count >= 80 { break }
        }
        return out
    }

    /// What one character of a lowercased, composed name adds to its slug.
    enum Piece {
        /// Letters or digits, joined to the word before.
        case text(String)
        /// A letter with no Latin form, written as its code point, a word of its own.
        case codePoint(String)
        /// Ends a word.
        case separator
        /// Nothing (a combining mark, a Cyrillic hard or soft sign).
        case nothing

        init(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                self = .text(String(scalar))
            } else if let latin = cyrillic[value] {
                self = latin.isEmpty ? .nothing : .text(latin)
            } else if let folded = Names.latinFolds[value] {
                self = .text(folded)
            } else if scalar.properties.isAlphabetic {
                // A Latin letter with a diacritic decomposes to its base letter and marks.
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { (0x61...0x7A).contains($0.value) }
                self = base.isEmpty ? .codePoint("u\(String(value, radix: 16))") : .text(String(String.UnicodeScalarView(base)))
            } else if scalar.properties.generalCategory != .nonspacingMark {
                self = .separator
            } else {
                self = .nothing
            }
        }
    }

    /// The pieces of U+0000 to U+07FF, worked out once.
    private static let pieces: [Piece] = (0..<0x800).map { Piece(Unicode.Scalar(UInt32($0)) ?? " ") }

    /// Whether each of U+0000 to U+07FF is left as it is by composition (NFC) wherever it
    /// stands: not a combining mark, and not a character that normalises to another.
    private static let composedAlready: [Bool] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return false }
        return scalar.properties.canonicalCombiningClass == .notReordered
            && String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar])
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
