import Foundation

/// One signatory as a person typed it: from `jointly sign`'s flags or an import row.
///
/// Every field is raw text; `validated()` checks and tidies it, so the command line and
/// the importer apply exactly the same rules.
public struct SignatoryInput: Equatable, Sendable {
    public var organisation: String
    public var shortName: String?
    public var country: String?
    public var website: String?
    public var kind: String?
    public var person: String?
    public var title: String?
    public var email: String?
    /// Demand keys; nil means every demand of the statement.
    public var demands: [String]?
    public var signedAt: String?
    /// Counted, never named in published output; nil keeps what is stored (or false).
    public var unnamed: Bool?
    /// Signed for the organisation rather than as an affiliation; nil keeps what is stored (or true).
    public var onBehalf: Bool?

    /// Makes an input; only the organisation's name is required.
    public init(
        organisation: String, shortName: String? = nil, country: String? = nil, website: String? = nil,
        kind: String? = nil, person: String? = nil, title: String? = nil, email: String? = nil,
        demands: [String]? = nil, signedAt: String? = nil, unnamed: Bool? = nil, onBehalf: Bool? = nil
    ) {
        self.organisation = organisation
        self.shortName = shortName
        self.country = country
        self.website = website
        self.kind = kind
        self.person = person
        self.title = title
        self.email = email
        self.demands = demands
        self.signedAt = signedAt
        self.unnamed = unnamed
        self.onBehalf = onBehalf
    }

    /// Splits a demands cell or flag: keys separated by commas or semicolons.
    public static func demandKeys(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { trimmingWhitespaces($0) }
            .filter { !$0.isEmpty }
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation when neither end
    /// is a space or tab: the usual case, and a profile's hot spot in imports.
    static func trimmingWhitespaces<Text: StringProtocol>(_ text: Text) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !isWhitespace(first), !isWhitespace(last)
        else { return text.trimmingCharacters(in: .whitespaces) }
        return String(text)
    }

    /// Whether `CharacterSet.whitespaces` (category Zs and tab) holds `scalar`; ASCII without Foundation.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || scalar.value == 0x09 }
        return CharacterSet.whitespaces.contains(scalar)
    }

    /// The input checked and tidied, or every problem found with the field it concerns.
    public func validated() -> Result<ValidSignatory, ValidationProblems> {
        var problems: [JointlyError] = []
        func optional(_ value: String?) -> String? {
            guard let value else { return nil }
            let tidy = Names.tidy(value)
            return tidy.isEmpty ? nil : tidy
        }
        let name = Names.tidy(organisation)
        if let problem = Names.publishedProblem(with: name) {
            problems.append(.invalidValue(field: "org", value: organisation, reason: problem))
        }
        var countryCode: String?
        do {
            countryCode = try OrganisationMatching.countryCode(optional(country))
        } catch let error as JointlyError {
            problems.append(error)
        } catch {
            problems.append(.invalidValue(field: "country", value: country ?? "", reason: "\(error)"))
        }
        var organisationKind: OrganisationKind?
        if let kind = optional(kind) {
            if let parsed = OrganisationKind(rawValue: kind.lowercased()) {
                organisationKind = parsed
            } else {
                problems.append(.invalidValue(field: "kind", value: kind, reason: "use one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        let site = optional(website).map(Self.withScheme)
        if let site, let problem = Self.websiteProblem(site) {
            problems.append(.invalidValue(field: "website", value: site, reason: problem))
        }
        let address = optional(email)
        if let address, !Self.looksLikeEmail(address) {
            problems.append(.invalidValue(field: "email", value: address, reason: "not an e-mail address (name@example.org)"))
        }
        let day = optional(signedAt)
        if let day, !Day.isValid(day) {
            problems.append(.invalidValue(field: "signed-at", value: day, reason: "not a date; write YYYY-MM-DD, such as 2018-04-30"))
        }
        // Every signature endorses at least one demand: a cell of only commas would make one
        // that endorses none, which an export could not tell apart from "all demands".
        if let demands, demands.isEmpty {
            problems.append(.invalidValue(
                field: "demands", value: "", reason: "no demand key named; leave the cell empty to endorse every demand"))
        }
        for (field, value) in [("short-name", shortName), ("person", person), ("title", title)] {
            if let value = optional(value), let problem = Names.publishedProblem(with: value) {
                problems.append(.invalidValue(field: field, value: value, reason: problem))
            }
        }
        if !problems.isEmpty { return .failure(ValidationProblems(errors: problems)) }
        return .success(ValidSignatory(
            name: name, shortName: optional(shortName), country: countryCode, website: site,
            kind: organisationKind, person: optional(person), title: optional(title), email: address,
            demands: demands, signedAt: day, unnamed: unnamed, onBehalf: onBehalf))
    }

    /// What a signed-at day in the future is told: it records when the organisation signed.
    static let signedAtRule = "the signed-at day is when the organisation signed, today or earlier"

    /// `text` with `https://` before it when it is a bare domain, as forms collect them
    /// (`www.example.org`, `example.org/about`, `правозащита.рф`); anything else as it is, for
    /// ``websiteProblem(_:)`` to judge. A domain ends in a country's two letters, a common
    /// generic ending, an internationalised country ending (`рф`, `中国`, or any `xn--`
    /// form), or starts with `www.`, so "St.Petersburg" or "Санкт.Петербург" in a mis-mapped
    /// column is not made a published link.
    static func withScheme(_ text: String) -> String {
        guard !text.contains(":"), !text.contains("@"), !text.contains(where: \.isWhitespace) else { return text }
        let labels = text.prefix { $0 != "/" }.split(separator: ".", omittingEmptySubsequences: false)
        func isLabel(_ label: Substring) -> Bool {
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
        guard labels.count >= 2, labels.allSatisfy(isLabel), let top = labels.last?.lowercased() else { return text }
        let known: Bool
        if top.allSatisfy(\.isASCII) {
            known = top.hasPrefix("xn--")
                || (top.allSatisfy(\.isLetter) && (top.count == 2 || genericDomains.contains(top) || labels[0].lowercased() == "www"))
        } else {
            // "Ф.рф" is an initial, not a domain: a name before the ending has two letters or more.
            known = internationalDomains.contains(top) && labels.dropLast().allSatisfy { $0.count >= 2 }
        }
        return known ? "https://" + text : text
    }

    /// Generic top-level domains common among civil society's websites.
    static let genericDomains: Set<String> = [
        "com", "org", "net", "info", "edu", "gov", "int", "ngo", "ong", "eus", "cat", "asia", "africa", "online", "site",
        "media", "news", "press", "foundation", "international", "global", "network", "earth", "world", "blog", "io",
    ]

    /// Internationalised top-level domains: the countries' (ICANN's IDN ccTLDs) and a few
    /// generic ones. Not `москва` or `сайт`, words an address or a name puts after a dot
    /// ("г.Москва", the city of Moscow).
    static let internationalDomains: Set<String> = [
        "рф", "укр", "бел", "срб", "мкд", "қаз", "мон", "ею", "ευ", "ελ", "бг", "გე", "հայ", "рус", "орг",
        "公司", "网络", "在线", "中文网", "公益", "政务", "机构", "组织机构", "みんな", "コム",
        "中国", "中國", "香港", "台灣", "台湾", "新加坡", "澳門", "澳门", "한국", "ไทย", "ලංකා", "இலங்கை", "சிங்கப்பூர்",
        "भारत", "ভারত", "ভাৰত", "இந்தியா", "భారత్", "ભારત", "ਭਾਰਤ", "ഭാരതം", "ಭಾರತ", "ଭାରତ", "بھارت", "ڀارت", "भारतम्", "भारोत",
        "ایران", "مصر", "السعودية", "امارات", "قطر", "الاردن", "الجزائر", "المغرب", "تونس", "سورية", "فلسطين", "عمان",
        "پاکستان", "البحرين", "عراق", "مليسيا", "السودان", "موريتانيا", "اليمن", "ليبيا", "كوم", "شبكة", "موقع",
    ]

    /// Why `text` cannot be a website, or nil: only http and https addresses with a host.
    static func websiteProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return "not a web address; write it in full, such as https://example.org"
        }
        guard scheme == "http" || scheme == "https" else {
            return "only http:// and https:// addresses are accepted"
        }
        guard let host = url.host, !host.isEmpty, !text.contains(where: \.isWhitespace) else {
            return "not a web address; write it in full, such as https://example.org"
        }
        return nil
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        if let ascii = looksLikeASCIIEmail(text) { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }
}

extension SignatoryInput {
    /// ``looksLikeEmail(_:)`` for ASCII text, on bytes: in ASCII each character is one
    /// byte but CR LF, which is whitespace either way. Nil for any other text.
    static func looksLikeASCIIEmail(_ text: String) -> Bool? {
        var at: Int?
        var index = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return text.utf8.allSatisfy { $0 < 0x80 } ? false : nil }
            if byte == 0x40 {
                guard at == nil else { return text.utf8.allSatisfy { $0 < 0x80 } ? false : nil }
                at = index
            }
            index += 1
        }
        guard let at, at > 0 else { return false }
        let domain = text.utf8.dropFirst(at + 1)
        return domain.contains(0x2E) && domain.first != 0x2E && domain.last != 0x2E
    }
}

/// The problems `SignatoryInput.validated()` found, one error each.
public struct ValidationProblems: Error, Equatable, Sendable {
    /// One error per problem.
    public var errors: [JointlyError]
}

/// A signatory whose fields have passed every check.
public struct ValidSignatory: Equatable, Sendable {
    public var name: String
    public var shortName: String?
    public var country: String?
    public var website: String?
    public var kind: OrganisationKind?
    public var person: String?
    public var title: String?
    public var email: String?
    public var demands: [String]?
    public var signedAt: String?
    public var unnamed: Bool?
    public var onBehalf: Bool?
}
