import Foundation

/// The rules for names as typed and names as matched (DESIGN.md, "Rules that keep the data right").
public enum Names {
    /// The longest name Jointly stores, in characters: longer input is refused, not cut.
    public static let maximumLength = 300

    /// A name as stored: trimmed, inner whitespace (line breaks included) folded to one
    /// space; invisible characters (zero-width space, soft hyphen, word joiner, zero-width
    /// no-break space) removed, so the stored name is the name one sees. Removed, not made
    /// spaces: ``normalized(_:)`` already drops them, so a name stored with one by an older
    /// Jointly keeps matching the same name typed now.
    public static func tidy(_ name: String) -> String {
        if isTidy(name) { return name }
        var visible = name
        if visible.unicodeScalars.contains(where: { invisible.contains($0.value) }) {
            var scalars = String.UnicodeScalarView()
            for scalar in name.unicodeScalars where !invisible.contains(scalar.value) { scalars.append(scalar) }
            visible = String(scalars)
        }
        return visible.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
            .joined(separator: " ")
    }

    /// Characters that take no room and that ``tidy(_:)`` removes. ZWJ and ZWNJ stay: some
    /// scripts and emoji need them.
    static let invisible: Set<UInt32> = [0x00AD, 0x200B, 0x2060, 0xFEFF]

    /// Checks a tidied name can be a name; returns the reason it cannot, or nil.
    ///
    /// Control characters and bidirectional overrides are refused: they can make a
    /// published list show a name other than the one stored.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a name cannot be empty" }
        // A character is at least one UTF-8 byte, so a short name needs no grapheme count.
        if name.utf8.count > maximumLength && name.count > maximumLength {
            return "a name can be at most \(maximumLength) characters"
        }
        var hasLetterOrDigit = false
        for scalar in name.unicodeScalars {
            let kind = ScalarKind(scalar)
            if kind == .control {
                return "a name cannot contain control characters (U+\(hex(scalar)))"
            }
            if bidiControls.contains(scalar.value) {
                return "a name cannot contain the bidirectional control U+\(hex(scalar)); type the name without it"
            }
            if kind == .letterOrDigit { hasLetterOrDigit = true }
        }
        // A letter or digit survives normalisation, so only names without one need it.
        if !hasLetterOrDigit && normalized(name).isEmpty { return "a name needs at least one letter or digit" }
        return nil
    }

    /// ``problem(with:)`` for a name that is published (an organisation's name or short
    /// name, a person and their title): also refuses an e-mail address, which a form's
    /// columns in the wrong order put there and the published list would then show.
    /// `fix` is what to do instead, as the command at hand says it.
    public static func publishedProblem(with name: String, fix: String = signingFix) -> String? {
        if let problem = problem(with: name) { return problem }
        guard name.utf8.contains(0x40), isEmailAddress(name) else { return nil }
        return "looks like an e-mail address, and names are published; \(fix)"
    }

    /// What to do with an e-mail address given as a name when signing or importing.
    public static let signingFix = "give it as the e-mail (--email, or a file's email column, which --map can name)"

    /// What to do with an e-mail address given as a name when correcting an organisation.
    static let editingFix = "give the name itself (an e-mail address is contact data: 'jointly sign SLUG --org NAME --update --email ADDRESS' keeps it privately)"

    /// One `@` between a part without spaces and a domain with an inner dot: `jane.doe@gmail.com`,
    /// not `Rights@Work` or `@Team29`.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(" ") else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// What ``problem(with:)`` asks of a scalar's general category; ASCII without the
    /// Unicode tables, which a profile showed to be a third of checking a name.
    enum ScalarKind: Equatable {
        case control, letterOrDigit, other

        init(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x00...0x1F, 0x7F: self = .control
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: self = .letterOrDigit
                default: self = .other
                }
                return
            }
            self.init(category: scalar.properties.generalCategory)
        }

        /// The kind from the full Unicode tables: the rule, which the ASCII shortcut must equal.
        init(category: Unicode.GeneralCategory) {
            switch category {
            case .control: self = .control
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .decimalNumber: self = .letterOrDigit
            default: self = .other
            }
        }
    }

    /// The key two spellings of one organisation share.
    ///
    /// NFKC, case-folded, diacritics removed from Latin letters only (Cyrillic `й`
    /// stays `й`), punctuation and symbols turned into spaces, spaces collapsed; but a
    /// `+` or `#` straight after a letter or digit stays, because it makes another name:
    /// `C++ Users Group` is not `C Users Group`, nor `LGBT+ Network` `LGBT Network`
    /// (a leading one does not: `+972 Magazine` is `972 Magazine`).
    public static func normalized(_ name: String) -> String {
        if let ascii = normalizedASCII(name) { return ascii }
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var output = String.UnicodeScalarView()
        var previousWasLatin = false
        var pendingSpace = false
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isSuffixSign(scalar.value) {
                if !pendingSpace && !output.isEmpty {
                    output.append(scalar)
                    previousWasLatin = false
                } else {
                    pendingSpace = !output.isEmpty
                }
                continue
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // A mark on a Latin letter is a diacritic to drop; on any other script it
                // can be a letter of its own (й, ё in Russian), so it stays.
                if !previousWasLatin { output.append(scalar) }
                continue
            case .format:
                // Zero-width joiners and the like shape Arabic and Indic names; they do
                // not make a different name.
                continue
            default:
                break
            }
            if isSeparator(properties.generalCategory) || properties.isWhitespace {
                pendingSpace = !output.isEmpty
                previousWasLatin = false
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            if let replacement = latinFolds[scalar.value] {
                output.append(contentsOf: replacement.unicodeScalars)
                previousWasLatin = true
            } else {
                output.append(scalar)
                previousWasLatin = isLatin(scalar)
            }
        }
        return String(output).precomposedStringWithCanonicalMapping
    }

    /// ``normalized(_:)`` for an ASCII name, without Unicode tables: in ASCII every
    /// character but a letter or digit is punctuation, a symbol, a space or a control.
    /// Nil for any other name.
    static func normalizedASCII(_ name: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(lower)
            } else if isSuffixSign(UInt32(byte)) && !pendingSpace && !bytes.isEmpty {
                bytes.append(byte)
            } else {
                pendingSpace = !bytes.isEmpty
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `+` and `#`, which ``normalized(_:)`` keeps after a letter or digit (C++, C#, LGBT+).
    static func isSuffixSign(_ value: UInt32) -> Bool {
        value == 0x2B || value == 0x23
    }

    /// Whether `name` is already as ``tidy(_:)`` leaves it: no whitespace but single inner spaces.
    static func isTidy(_ name: String) -> Bool {
        var previousWasSpace = true
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            // Unicode's White_Space characters, which `Character.isWhitespace` tests.
            if (0x09...0x0D).contains(value) || value == 0x85 || value == 0xA0 || value == 0x1680
                || (0x2000...0x200A).contains(value) || value == 0x2028 || value == 0x2029 || value == 0x202F
                || value == 0x205F || value == 0x3000 || value == 0xAD || value == 0x200B || value == 0x2060 || value == 0xFEFF {
                return false
            }
        }
        return !previousWasSpace || name.isEmpty
    }

    /// Unicode's White_Space property; in ASCII (tab to carriage return, and space) without the tables.
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F:
            return true
        default:
            return false
        }
    }

    private static func isSeparator(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return true
        default:
            return false
        }
    }

    /// Latin letters whose diacritic is not a combining mark, and case folds `lowercased()` misses.
    static let latinFolds: [UInt32: String] = [
        0xDF: "ss", 0xF8: "o", 0x142: "l", 0x111: "d", 0x127: "h", 0x131: "i", 0xE6: "ae",
        0x153: "oe", 0xF0: "d", 0xFE: "th", 0x167: "t", 0x180: "b", 0x1B6: "z",
    ]

    private static let bidiControls: Set<UInt32> = [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// ``Names/normalized(_:)`` for many names, remembering each word's normalised form.
///
/// Organisation names share words ("International", "Центр", "Association"), and the
/// Unicode work (NFKC, case folding, NFD, NFC) is most of normalising a name that is not
/// ASCII. A space (U+0020) is a boundary that normalisation, case mapping and
/// ``Names/normalized(_:)``'s own pass never reach across, with one exception: a word
/// whose normalised form starts with a combining mark, which the full pass attaches to
/// the word before. For such a name this falls back to the full pass, so the result is
/// always ``Names/normalized(_:)``'s (a test compares the two on many names).
struct NameNormaliser {
    /// The most words remembered, so memory stays flat on any file.
    static let capacity = 16_384
    /// Keys are copies: a substring would keep its whole name alive.
    private var words: [String: String] = [:]

    mutating func normalized(_ name: String) -> String {
        if let ascii = Names.normalizedASCII(name) { return ascii }
        var output = ""
        output.reserveCapacity(name.utf8.count)
        for slice in name.utf8.split(separator: 0x20) {
            let word = String(Substring(slice))
            let key: String
            if let known = words[word] {
                key = known
            } else {
                key = Names.normalized(word)
                if words.count < Self.capacity { words[word] = key }
            }
            guard let first = key.unicodeScalars.first else { continue }
            if !output.isEmpty {
                switch first.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: return Names.normalized(name)
                default: output.append(" ")
                }
            }
            output.append(key)
        }
        return output
    }
}
