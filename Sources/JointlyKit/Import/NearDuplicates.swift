import Foundation

/// A name in an import that normalisation kept apart from an organisation it resembles
/// ("Amnesty Intl" and "Amnesty International"): a suggestion, never merged silently.
public struct NearDuplicate: Equatable, Sendable {
    /// The name as the file has it.
    public var name: String
    public var country: String?
    /// The line of the file it is on.
    public var line: Int
    /// The organisation it resembles.
    public var resembles: String
    public var resemblesCountry: String?

    /// One line for the person who ran the import, with the command that resolves it.
    public func message(dryRun: Bool) -> String {
        func named(_ name: String, _ country: String?) -> String {
            "'\(name)'" + (country.map { " (\($0))" } ?? "")
        }
        let fix = dryRun
            ? "jointly org alias \(Shell.quoted(resembles)) \(Shell.quoted(name))"
            : "jointly org merge \(Shell.quoted(name)) \(Shell.quoted(resembles))"
        return "line \(line): \(named(name, country)) may be \(named(resembles, resemblesCountry)); if it is, run: \(fix)"
    }
}

/// The loose key under which near-duplicate names meet: a normalised name with common
/// abbreviations written out, British and American spellings made one, legal forms and
/// small words dropped, and spaces removed ("Amnesty Intl." and "Amnesty International"
/// share `amnestyinternational`).
enum NearDuplicateKey {
    /// The key's hash: what ``NearDuplicateFinder`` remembers.
    static func hash(normalized: String) -> Int {
        key(normalized: normalized).utf8HashValue
    }

    static func key(normalized: String) -> String {
        var output = ""
        output.reserveCapacity(normalized.utf8.count + 8)
        // Words stay substrings, so a word that is neither dropped nor expanded costs no copy.
        // Every dropped or expanded word is ASCII, so other words are not looked up at all.
        var words = normalized.split(separator: " ")
        // "Human Rights Watch (HRW)" is "Human Rights Watch" with its acronym after it.
        if words.count >= 3, let last = words.last, isAcronym(last, of: words.dropLast()) { words.removeLast() }
        for var word in words {
            // "C++ Users" and "C Users" are two names, but worth a look.
            while let last = word.utf8.last, Names.isSuffixSign(UInt32(last)) { word = word.dropLast() }
            if !word.utf8.allSatisfy({ $0 < 0x80 }) {
                // "Аmnesty" with a Cyrillic А (a keyboard layout slip, or a spoof) reads as
                // "Amnesty": a word mixing Latin letters with look-alikes meets its Latin twin.
                guard let latin = latinLookalike(word) else {
                    output += word
                    continue
                }
                word = Substring(latin)
            }
            if dropped.contains(word) { continue }
            let expanded = expansions[word].map { Substring($0) } ?? word
            if expanded.utf8.count >= 7, expanded.hasSuffix("ization") || expanded.hasSuffix("izations") {
                output += expanded.replacingOccurrences(of: "ization", with: "isation")
            } else {
                output += expanded
            }
        }
        return output.isEmpty ? normalized : output
    }

    /// Whether `word` is the initials of `words`, all of them or those that are not small
    /// words: `hrw` of "human rights watch", `cpj` of "committee to protect journalists".
    static func isAcronym(_ word: Substring, of words: ArraySlice<Substring>) -> Bool {
        // Most last words are longer than the name has words: no allocation, one comparison.
        let count = word.utf8.count
        guard count >= 2, count <= words.count, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return false }
        func initials(skipping skip: (Substring) -> Bool) -> Bool {
            var letters = word.utf8.makeIterator()
            for other in words where !skip(other) {
                guard let letter = letters.next(), other.utf8.first == letter else { return false }
            }
            return letters.next() == nil
        }
        return initials { _ in false } || initials { dropped.contains($0) || acronymSkips.contains($0) }
    }

    /// Small words an acronym leaves out besides the ``dropped`` ones: the "to" of CPJ.
    private static let acronymSkips: Set<Substring> = ["to", "in", "on", "at", "by", "with", "du", "des", "del"]

    /// `word` with Cyrillic and Greek letters that look Latin made Latin, when it mixes
    /// them with Latin letters and nothing else is left non-ASCII; otherwise nil. A word
    /// wholly in another script is left alone: "сор" is a Russian word, not "cop".
    static func latinLookalike(_ word: Substring) -> String? {
        var scalars = String.UnicodeScalarView()
        var hasLatin = false
        for scalar in word.unicodeScalars {
            if scalar.isASCII {
                if (0x61...0x7A).contains(scalar.value) { hasLatin = true }
                scalars.append(scalar)
            } else if let latin = lookalikes[scalar] {
                scalars.append(latin)
            } else {
                return nil
            }
        }
        return hasLatin ? String(scalars) : nil
    }

    /// Lower-case Cyrillic and Greek letters whose lower- or upper-case form looks Latin.
    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "в": "b", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "һ": "h", "ԁ": "d",
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    ]

    private static let dropped: Set<Substring> = [
        "the", "of", "for", "and", "a", "an", "l", "de", "la", "le", "les", "el", "der", "die", "das", "und",
        "inc", "ltd", "llc", "gmbh", "ev", "e", "v", "sa", "ngo", "co",
    ]

    private static let expansions: [Substring: String] = [
        "intl": "international", "int": "international", "internat": "international",
        "natl": "national", "nat": "national",
        "assoc": "association", "assn": "association", "ass": "association",
        "org": "organisation", "orgs": "organisations", "organization": "organisation", "organizations": "organisations",
        "dept": "department", "univ": "university", "uni": "university", "inst": "institute",
        "fdn": "foundation", "found": "foundation", "fndn": "foundation",
        "ctr": "centre", "cntr": "centre", "center": "centre", "centers": "centres",
        "cttee": "committee", "comm": "committee", "cmte": "committee",
        "govt": "government", "soc": "society", "corp": "corporation", "fed": "federation",
        "defense": "defence", "labor": "labour", "program": "programme", "st": "saint",
        "hr": "humanrights", "rts": "rights",
    ]
}

/// Finds near-duplicates as an import goes: each organisation's loose key is remembered
/// by its hash (a few bytes per organisation, so a million rows stay within memory).
struct NearDuplicateFinder {
    /// The first organisation seen under each key hash.
    private var firstByKey: [Int: Int64] = [:]
    /// (line, new organisation, existing organisation), in file order.
    private(set) var pairs: [(line: Int, organisation: Int64, resembles: Int64)] = []

    /// Remembers an organisation that was in the database before the import.
    mutating func remember(keyHash: Int, organisation: Int64) {
        if firstByKey[keyHash] == nil { firstByKey[keyHash] = organisation }
    }

    /// Remembers a new organisation and notes the one it resembles, if any.
    mutating func add(keyHash: Int, organisation: Int64, line: Int) {
        if let other = firstByKey[keyHash] {
            pairs.append((line, organisation, other))
        } else {
            firstByKey[keyHash] = organisation
        }
    }
}
