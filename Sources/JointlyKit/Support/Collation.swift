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
        asciiKey(name) ?? tableKey(name)
    }

    /// What one scalar of a decomposed name adds to its key, as ``unicodeKey(_:)`` works it out.
    struct Contribution: Sendable {
        enum Kind: Sendable { case letter, mark, skipped }
        var kind: Kind
        var isUpper = false
        /// Each scalar the letter sorts as (its lowercase, folded), with its script and its
        /// secondary weight (the letter itself when folded, else 0).
        var units: [(value: UInt32, script: UInt32, secondary: UInt32)] = []

        init(_ scalar: Unicode.Scalar) {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                kind = .mark
                return
            case .format, .control:
                kind = .skipped
                return
            default:
                kind = .letter
            }
            isUpper = properties.isUppercase
            for lower in properties.lowercaseMapping.unicodeScalars {
                if let base = Names.latinFolds[lower.value] {
                    for folded in base.unicodeScalars {
                        units.append((folded.value, Collation.script(of: folded).rawValue, lower.value))
                    }
                } else {
                    units.append((lower.value, Collation.script(of: lower).rawValue, 0))
                }
            }
        }
    }

    /// The contributions of U+0000 to U+07FF (Latin, Greek, Cyrillic, Armenian, Hebrew,
    /// Arabic), looked up once each instead of through the Unicode tables for every name.
    private static let table: [Contribution] = (0..<0x800).map { value in
        Contribution(Unicode.Scalar(UInt32(value)) ?? " ")
    }

    /// The canonical decomposition of each of U+0000 to U+07FF; nil for a combining mark.
    ///
    /// A name of these scalars without combining marks decomposes scalar by scalar (each
    /// decomposition starts with a base letter, so canonical reordering never reaches
    /// across two), which spares Foundation's normalisation of the whole name.
    private static let decompositions: [[Unicode.Scalar]?] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return [" "] }
        let decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        let starts = [scalar] + decomposed.prefix(1)
        return starts.allSatisfy { $0.properties.canonicalCombiningClass == .notReordered } ? decomposed : nil
    }

    /// The canonical decomposition of `name`, from the table when every scalar is in it.
    private static func decomposed(_ name: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(name.unicodeScalars.count + 4)
        for scalar in name.unicodeScalars {
            guard scalar.value < 0x800, let decomposition = decompositions[Int(scalar.value)] else {
                return Array(name.decomposedStringWithCanonicalMapping.unicodeScalars)
            }
            scalars.append(contentsOf: decomposition)
        }
        return scalars
    }

    /// ``unicodeKey(_:)`` with the properties of common scalars read from a table.
    func tableKey(_ name: String) -> SortKey {
        var levels: [UInt32] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt32] = []
        let scalars = name.unicodeScalars
        levels.reserveCapacity(4 * scalars.count + 3)
        for scalar in Self.decomposed(name) {
            let contribution = scalar.value < 0x800 ? Self.table[Int(scalar.value)] : Contribution(scalar)
            switch contribution.kind {
            case .mark:
                secondary.append(scalar.value)
            case .skipped:
                break
            case .letter:
                for unit in contribution.units {
                    levels.append(weight(script: unit.script, value: unit.value))
                    secondary.append(unit.secondary)
                    tertiary.append(contribution.isUpper ? 1 : 0)
                }
            }
        }
        levels.append(0)
        levels.append(contentsOf: secondary)
        levels.append(0)
        levels.append(contentsOf: tertiary)
        levels.append(0)
        for scalar in scalars { levels.append(scalar.value) }
        return SortKey(levels: levels)
    }

    /// `weight(_:)` of a scalar whose script is already known.
    private func weight(script raw: UInt32, value: UInt32) -> UInt32 {
        var script = Script(rawValue: raw) ?? .other
        if firstScript == .cyrillic {
            if script == .cyrillic { script = .latin } else if script == .latin || script == .greek { script = Script(rawValue: script.rawValue + 1) ?? .other }
        }
        return script.rawValue << 21 | value
    }

    /// ``key(_:)`` for an ASCII name, without Unicode tables or normalisation; nil for any
    /// other name. Most names on a page are ASCII, and this makes the same key the full
    /// path makes (`CollationTests` compares them): in ASCII, decomposition changes
    /// nothing, a control is skipped, the space is the only whitespace that is not a
    /// control, and every other character but a letter or digit is punctuation or a symbol.
    func asciiKey(_ name: String) -> SortKey? {
        let count = name.utf8.count
        var letters = 0
        for byte in name.utf8 {
            guard byte < 0x80 else { return nil }
            if byte >= 0x20 && byte != 0x7F { letters += 1 }
        }
        var levels: [UInt32] = []
        levels.reserveCapacity(3 * letters + 3 + count)
        let latin = firstScript == .cyrillic ? Script.greek.rawValue : Script.latin.rawValue
        for byte in name.utf8 where byte >= 0x20 && byte != 0x7F {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            let script: UInt32
            switch lower {
            case 0x20: script = Script.space.rawValue
            case 0x30...0x39: script = Script.digit.rawValue
            case 0x61...0x7A: script = latin
            default: script = Script.punctuation.rawValue
            }
            levels.append(script << 21 | UInt32(lower))
        }
        levels.append(0)
        levels.append(contentsOf: repeatElement(0, count: letters))
        levels.append(0)
        for byte in name.utf8 where byte >= 0x20 && byte != 0x7F {
            levels.append(byte >= 0x41 && byte <= 0x5A ? 1 : 0)
        }
        levels.append(0)
        for byte in name.utf8 { levels.append(UInt32(byte)) }
        return SortKey(levels: levels)
    }

    /// ``key(_:)`` for any name: canonical decomposition, then Unicode properties per scalar.
    func unicodeKey(_ name: String) -> SortKey {
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

    fileprivate enum Script: UInt32 { case space = 1, punctuation, digit, latin, greek, cyrillic, other }

    private func weight(_ scalar: Unicode.Scalar) -> UInt32 {
        var script = Self.script(of: scalar)
        // Reorder so the page's own script sorts first among letters.
        if firstScript == .cyrillic {
            if script == .cyrillic { script = .latin } else if script == .latin || script == .greek { script = Script(rawValue: script.rawValue + 1) ?? .other }
        }
        return script.rawValue << 21 | scalar.value
    }

    fileprivate static func script(of scalar: Unicode.Scalar) -> Script {
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
        lhs.levels.withUnsafeBufferPointer { left in
            rhs.levels.withUnsafeBufferPointer { right in
                let count = min(left.count, right.count)
                var index = 0
                while index < count {
                    if left[index] != right[index] { return left[index] < right[index] }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }
}

extension SortKey {
    /// The key as bytes that compare, byte by byte (SQLite's `memcmp` of BLOBs), as keys compare with `<`:
    /// each level big-endian, and a key that is a prefix of another sorts first in both.
    var bytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: levels.count * 4)
        for (index, level) in levels.enumerated() {
            bytes[4 * index] = UInt8(truncatingIfNeeded: level >> 24)
            bytes[4 * index + 1] = UInt8(truncatingIfNeeded: level >> 16)
            bytes[4 * index + 2] = UInt8(truncatingIfNeeded: level >> 8)
            bytes[4 * index + 3] = UInt8(truncatingIfNeeded: level)
        }
        return bytes
    }
}
