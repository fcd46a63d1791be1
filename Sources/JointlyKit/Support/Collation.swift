/// Sorting names the way a reader of a language expects, from keys computed once.
///
/// A locale-aware comparison per pair costs seconds for 100,000 names; a key per name
/// and plain array comparison costs milliseconds. The key follows the Unicode Collation
/// Algorithm's levels in a compact form: letters without accents or case first (with the
/// page language's script first: Cyrillic before Latin on a Russian page), then accents,
/// then case, then the name itself so the order is total and stable.
public struct Collation: Sendable {
    /// The BCP 47 language of the page the names are sorted for.
    public let language: String
    private let firstScript: Script

    /// A collation for a page in `language`.
    public init(language: String) {
        self.language = language
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        firstScript = Self.cyrillicLanguages.contains(base) ? .cyrillic : .latin
    }

    /// The sort key of `name`; compare keys with `<`.
    public func key(_ name: String) -> SortKey {
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt32] = []
        primary.reserveCapacity(name.unicodeScalars.count)
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                secondary.append(scalar.value)
                continue
            case .format, .control:
                continue
            default:
                break
            }
            let isUpper = properties.isUppercase
            for lower in properties.lowercaseMapping.unicodeScalars {
                // Letters like ø and ł carry their diacritic inside: sort them with o and l,
                // the diacritic deciding only between otherwise equal names.
                if let base = Names.latinFolds[lower.value] {
                    for folded in base.unicodeScalars {
                        primary.append(weight(folded))
                        secondary.append(lower.value)
                        tertiary.append(isUpper ? 1 : 0)
                    }
                } else {
                    primary.append(weight(lower))
                    secondary.append(0)
                    tertiary.append(isUpper ? 1 : 0)
                }
            }
        }
        return SortKey(levels: primary + [0] + secondary + [0] + tertiary + [0] + name.unicodeScalars.map(\.value))
    }

    /// `items` sorted by the names `name` gives, each key computed once.
    public func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        let keyed = items.map { (key: key(name($0)), item: $0) }
        return keyed.sorted { $0.key < $1.key }.map(\.item)
    }

    private enum Script: UInt32 { case space = 1, punctuation, digit, latin, greek, cyrillic, other }

    private func weight(_ scalar: Unicode.Scalar) -> UInt32 {
        var script = Self.script(of: scalar)
        // Reorder so the page's own script sorts first among letters.
        if firstScript == .cyrillic {
            if script == .cyrillic { script = .latin } else if script == .latin || script == .greek { script = Script(rawValue: script.rawValue + 1) ?? .other }
        }
        return script.rawValue << 21 | scalar.value
    }

    private static func script(of scalar: Unicode.Scalar) -> Script {
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .punctuation
        default: break
        }
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        default: return .other
        }
    }

    private static let cyrillicLanguages: Set<String> = ["ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"]
}

/// A precomputed collation key; keys compare as their names should sort.
public struct SortKey: Comparable, Sendable {
    let levels: [UInt32]

    public static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        lhs.levels.lexicographicallyPrecedes(rhs.levels)
    }
}
