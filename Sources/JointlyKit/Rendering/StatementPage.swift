import Mustache

// View models handed to the templates. None of them has an optional field: swift-mustache
// looks a missing or nil value up in the enclosing context, so a signatory without a title
// would print the statement's title. An absent value is "" together with a `has…` Bool.
//
// Each type answers swift-mustache's lookups itself (`MustacheParent`) instead of letting it
// reflect with `Mirror`, which builds every child of the value on every lookup; a list of
// 100,000 signatories renders in a fraction of the time that way.

/// Everything a statement template can show about one statement.
public struct StatementPage: Sendable {
    /// BCP 47 tag of the text, for `<html lang>`.
    public var language: String
    /// The statement's kebab-case slug.
    public var slug: String
    /// The statement's title.
    public var title: String
    /// The date the statement bears, for people ("30 April 2018").
    public var date: String
    /// The same date as `YYYY-MM-DD`, for `<time datetime>`.
    public var dateISO: String
    /// The lead organisation.
    public var issuer: String
    /// draft, open, published or closed.
    public var status: String
    /// True unless published or closed: templates then show "Preview: not published".
    public var isPreview: Bool
    /// The body as written: trusted Markdown from the coordinator's statement file.
    public var bodyMarkdown: String
    /// The body as safe HTML (cmark-gfm without raw HTML).
    public var bodyHTML: String
    /// The number of the statement version shown.
    public var version: Int
    /// The demands grouped by addressee, in the statement's order.
    public var addressees: [AddresseeSection]
    /// Verified signatories that may be named, already sorted.
    public var signatories: [SignatoryRow]
    /// Whether `signatories` is non-empty.
    public var hasSignatories: Bool
    /// Verified signatories that must not be named.
    public var unnamedCount: Int
    /// Whether `unnamedCount` is above zero.
    public var hasUnnamed: Bool
    /// "and 3 organisations that cannot be named for their safety", or "" when none.
    public var unnamedLine: String
    /// "15 organisations from 5 countries".
    public var countLine: String
    /// The program that made the page, "Jointly 0.1.0".
    public var generator: String

    /// Makes a page from values already prepared for display.
    public init(
        language: String, slug: String, title: String, date: String, dateISO: String,
        issuer: String, status: String, isPreview: Bool, bodyMarkdown: String, bodyHTML: String,
        version: Int, addressees: [AddresseeSection], signatories: [SignatoryRow],
        hasSignatories: Bool, unnamedCount: Int, hasUnnamed: Bool, unnamedLine: String,
        countLine: String, generator: String
    ) {
        self.language = language
        self.slug = slug
        self.title = title
        self.date = date
        self.dateISO = dateISO
        self.issuer = issuer
        self.status = status
        self.isPreview = isPreview
        self.bodyMarkdown = bodyMarkdown
        self.bodyHTML = bodyHTML
        self.version = version
        self.addressees = addressees
        self.signatories = signatories
        self.hasSignatories = hasSignatories
        self.unnamedCount = unnamedCount
        self.hasUnnamed = hasUnnamed
        self.unnamedLine = unnamedLine
        self.countLine = countLine
        self.generator = generator
    }

    /// "1 organisation from 1 country", "15 organisations from 5 countries".
    public static func countLine(organisations: Int, countries: Int) -> String {
        let orgNoun = organisations == 1 ? "organisation" : "organisations"
        let countryNoun = countries == 1 ? "country" : "countries"
        return "\(organisations) \(orgNoun) from \(countries) \(countryNoun)"
    }

    /// "and 1 organisation that cannot be named for its safety" (plural: "their"), "" for 0.
    public static func unnamedLine(count: Int) -> String {
        switch count {
        case ...0: return ""
        case 1: return "and 1 organisation that cannot be named for its safety"
        default: return "and \(count) organisations that cannot be named for their safety"
        }
    }
}

/// One addressee and the demands the statement makes of it.
public struct AddresseeSection: Sendable {
    /// The global addressee key (`russia`).
    public var key: String
    /// The addressee's name ("Russian authorities").
    public var name: String
    /// state, intergovernmental, company or other.
    public var kind: String
    /// The demands made of this addressee, in order.
    public var demands: [DemandItem]

    /// Makes a section from display values.
    public init(key: String, name: String, kind: String, demands: [DemandItem]) {
        self.key = key
        self.name = name
        self.kind = kind
        self.demands = demands
    }
}

/// One demand, in the language of the page.
public struct DemandItem: Sendable {
    /// The demand's kebab-case key.
    public var key: String
    /// The demand's text.
    public var text: String

    /// Makes a demand item from display values.
    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}

/// One named signatory as a template shows it.
public struct SignatoryRow: Sendable {
    /// The organisation's name as typed.
    public var name: String
    /// Its acronym ("HRW"), or "".
    public var shortName: String
    /// Whether `shortName` is non-empty.
    public var hasShortName: Bool
    /// ISO 3166-1 alpha-2 code, or "".
    public var country: String
    /// The country's name in the page's language, or "".
    public var countryName: String
    /// Whether the country is known.
    public var hasCountry: Bool
    /// An http(s) URL, or "".
    public var website: String
    /// Whether `website` is non-empty.
    public var hasWebsite: Bool
    /// ngo, media, academic, union, company, network or other.
    public var kind: String
    /// Who signed for the organisation, or "".
    public var person: String
    /// That person's title, or "".
    public var title: String
    /// Whether `person` is non-empty.
    public var hasPerson: Bool
    /// Whether `title` is non-empty.
    public var hasTitle: Bool
    /// The day of signing, `YYYY-MM-DD`.
    public var signedAt: String

    /// Makes a row from display values.
    public init(
        name: String, shortName: String, hasShortName: Bool, country: String,
        countryName: String, hasCountry: Bool, website: String, hasWebsite: Bool,
        kind: String, person: String, title: String, hasPerson: Bool, hasTitle: Bool,
        signedAt: String
    ) {
        self.name = name
        self.shortName = shortName
        self.hasShortName = hasShortName
        self.country = country
        self.countryName = countryName
        self.hasCountry = hasCountry
        self.website = website
        self.hasWebsite = hasWebsite
        self.kind = kind
        self.person = person
        self.title = title
        self.hasPerson = hasPerson
        self.hasTitle = hasTitle
        self.signedAt = signedAt
    }
}

// The `child(named:)` switches below must list every stored property: a name missing here
// falls through to the enclosing context, the very trap the non-optional fields avoid.
// `RenderingViewModelTests` checks each switch against `Mirror` so they cannot drift.

extension StatementPage: MustacheParent {
    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "language": language
        case "slug": slug
        case "title": title
        case "date": date
        case "dateISO": dateISO
        case "issuer": issuer
        case "status": status
        case "isPreview": isPreview
        case "bodyMarkdown": bodyMarkdown
        case "bodyHTML": bodyHTML
        case "version": version
        case "addressees": addressees
        case "signatories": signatories
        case "hasSignatories": hasSignatories
        case "unnamedCount": unnamedCount
        case "hasUnnamed": hasUnnamed
        case "unnamedLine": unnamedLine
        case "countLine": countLine
        case "generator": generator
        default: nil
        }
    }
}

extension AddresseeSection: MustacheParent {
    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "name": self.name
        case "kind": kind
        case "demands": demands
        default: nil
        }
    }
}

extension DemandItem: MustacheParent {
    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "text": text
        default: nil
        }
    }
}

extension SignatoryRow: MustacheParent {
    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "shortName": shortName
        case "hasShortName": hasShortName
        case "country": country
        case "countryName": countryName
        case "hasCountry": hasCountry
        case "website": website
        case "hasWebsite": hasWebsite
        case "kind": kind
        case "person": person
        case "title": title
        case "hasPerson": hasPerson
        case "hasTitle": hasTitle
        case "signedAt": signedAt
        default: nil
        }
    }
}
