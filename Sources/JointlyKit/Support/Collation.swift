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

    /// The canonical decomposition of `name` into `scalars`, from the table when every scalar is in it.
    private static func decompose(_ name: String, into scalars: inout [Unicode.Scalar]) {
        scalars.removeAll(keepingCapacity: true)
        for scalar in name.unicodeScalars {
            guard scalar.value < 0x800, let decomposition = decompositions[Int(scalar.value)] else {
                scalars.removeAll(keepingCapacity: true)
                scalars.append(contentsOf: name.decomposedStringWithCanonicalMapping.unicodeScalars)
                return
            }
            scalars.append(contentsOf: decomposition)
        }
    }

    /// Room to work a key out in, kept from name to name, so that keying many names does
    /// not allocate for each.
    struct Scratch {
        var scalars: [Unicode.Scalar] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt32] = []
    }

    /// ``unicodeKey(_:)`` with the properties of common scalars read from a table.
    func tableKey(_ name: String) -> SortKey {
        var levels: [UInt32] = []
        levels.reserveCapacity(4 * name.unicodeScalars.count + 3)
        var scratch = Scratch()
        forEachTableLevel(of: name, scratch: &scratch) { levels.append($0) }
        return SortKey(levels: levels)
    }

    /// Appends the key of any name as `SortKey.append(to:)` writes it, without making the key.
    func appendKey(_ name: String, to bytes: inout [UInt8], scratch: inout Scratch) {
        forEachTableLevel(of: name, scratch: &scratch) { SortKey.append($0, to: &bytes) }
    }

    /// Calls `emit` with each level of ``tableKey(_:)``, in order.
    private func forEachTableLevel(of name: String, scratch: inout Scratch, _ emit: (UInt32) -> Void) {
        Self.decompose(name, into: &scratch.scalars)
        scratch.secondary.removeAll(keepingCapacity: true)
        scratch.tertiary.removeAll(keepingCapacity: true)
        for scalar in scratch.scalars {
            let contribution = scalar.value < 0x800 ? Self.table[Int(scalar.value)] : Contribution(scalar)
            switch contribution.kind {
            case .mark:
                scratch.secondary.append(scalar.value)
            case .skipped:
                break
            case .letter:
                for unit in contribution.units {
                    emit(weight(script: unit.script, value: unit.value))
                    scratch.secondary.append(unit.secondary)
                    scratch.tertiary.append(contribution.isUpper ? 1 : 0)
                }
            }
        }
        emit(0)
        for level in scratch.secondary { emit(level) }
        emit(0)
        for level in scratch.tertiary { emit(level) }
        emit(0)
        for scalar in name.unicodeScalars { emit(scalar.value) }
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
        var name = name
        var levels: [UInt32] = []
        levels.reserveCapacity(4 * name.utf8.count + 3)
        let ascii = name.withUTF8 { utf8 in forEachASCIILevel(of: utf8) { levels.append($0) } }
        return ascii ? SortKey(levels: levels) : nil
    }

    /// Appends the key of an ASCII name given as UTF-8 as `SortKey.append(to:)` writes it,
    /// without making a `String` or the levels; false, appending nothing, for any other name.
    func appendASCIIKey(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        forEachASCIILevel(of: utf8) { SortKey.append($0, to: &bytes) }
    }

    /// Calls `emit` with each level of the key of an ASCII name, in order; false, before
    /// any call, when the name is not ASCII.
    @inline(__always)
    private func forEachASCIILevel(of utf8: UnsafeBufferPointer<UInt8>, _ emit: (UInt32) -> Void) -> Bool {
        var letters = 0
        for byte in utf8 {
            guard byte < 0x80 else { return false }
            if byte >= 0x20 && byte != 0x7F { letters += 1 }
        }
        let latin = firstScript == .cyrillic ? Script.greek.rawValue : Script.latin.rawValue
        for byte in utf8 where byte >= 0x20 && byte != 0x7F {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            let script: UInt32
            switch lower {
            case 0x20: script = Script.space.rawValue
            case 0x30...0x39: script = Script.digit.rawValue
            case 0x61...0x7A: script = latin
            default: script = Script.punctuation.rawValue
            }
            emit(script << 21 | UInt32(lower))
        }
        emit(0)
        for _ in 0..<letters { emit(0) }
        emit(0)
        for byte in utf8 where byte >= 0x20 && byte != 0x7F {
            emit(byte >= 0x41 && byte <= 0x5A ? 1 : 0)
        }
        emit(0)
        for byte in utf8 { emit(UInt32(byte)) }
        return true
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
    /// Appends the key as bytes that compare, byte by byte (SQLite's `memcmp` of BLOBs),
    /// as keys compare with `<`.
    ///
    /// Each level is written in a code whose first byte gives its length and whose bytes
    /// order as the values do; no code is the prefix of another, so the byte order of two
    /// keys is the order of their first differing level, and a key that is a prefix of
    /// another sorts first in both. Most levels take one or two bytes instead of four,
    /// which keeps SQLite's sorter small: a key per signatory of a million.
    func append(to bytes: inout [UInt8]) {
        for level in levels { Self.append(level, to: &bytes) }
    }

    /// The code of one level. Below 2^21 (secondary and tertiary levels, scalars): one byte
    /// under 0x80, two under 0x2000 (first byte 0x80-0x9F), three (0xA0-0xBF). A primary
    /// level, `script << 21 | value`: the script as one byte (0xC0 + script) and its value
    /// as above; 0xFF and four bytes for a script past 0x3E.
    static func append(_ level: UInt32, to bytes: inout [UInt8]) {
        let script = level >> 21
        if script == 0 {
            appendSmall(level, to: &bytes)
        } else if script < 0x3F {
            bytes.append(0xC0 + UInt8(script))
            appendSmall(level & 0x1F_FFFF, to: &bytes)
        } else {
            bytes.append(0xFF)
            bytes.append(UInt8(truncatingIfNeeded: level >> 24))
            bytes.append(UInt8(truncatingIfNeeded: level >> 16))
            bytes.append(UInt8(truncatingIfNeeded: level >> 8))
            bytes.append(UInt8(truncatingIfNeeded: level))
        }
    }

    private static func appendSmall(_ value: UInt32, to bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if value < 0x2000 {
            bytes.append(0x80 | UInt8(value >> 8))
            bytes.append(UInt8(truncatingIfNeeded: value))
        } else {
            bytes.append(0xA0 | UInt8(value >> 16))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            bytes.append(UInt8(truncatingIfNeeded: value))
        }
    }

    /// ``append(to:)`` into a new array.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }
}
