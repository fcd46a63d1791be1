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
    public var signatories: SignatoryList
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
    /// The page's words in its language: `{{t.signatories}}`.
    public var t: TemplateStrings
    /// What "Preview: not published." means here ("This statement is draft; …"), in the page's language.
    public var previewLine: String
    /// "Made with Jointly 0.1.0", in the page's language.
    public var generatorLine: String
    /// The signatories in the groups the statement asks for; one untitled group for `none`.
    public var groups: [SignatoryGroup]
    /// "First published 30 April 2018; updated 16 May 2018", or "" before publication.
    public var editionsLine: String
    /// Whether `editionsLine` is non-empty.
    public var hasEditions: Bool
    /// "Version 2 of the text is current." (or, on a translation, which version it follows).
    public var versionLine: String
    /// Whether this translation was made for an older version than the current one.
    public var isLagging: Bool
    /// The notice a lagging translation shows, or "".
    public var lagNotice: String
    /// True on a page of the built site, false for `jointly render`'s standalone page.
    public var isSite: Bool
    /// The way from this page to the site's root: "../" or "../../"; "" standalone.
    public var root: String
    /// The language editions of the statement, this one included (for `hreflang`).
    public var languages: [LanguageLink]
    /// Whether there is more than one language edition.
    public var hasLanguages: Bool
    /// The way from this page to the statement's folder, where the downloads are: "" or "../".
    public var downloadsRoot: String
    /// Whether the site has a PDF edition of this statement.
    public var hasPDF: Bool

    /// Makes a page from values already prepared for display.
    public init(
        language: String, slug: String, title: String, date: String, dateISO: String,
        issuer: String, status: String, isPreview: Bool, bodyMarkdown: String, bodyHTML: String,
        version: Int, addressees: [AddresseeSection], signatories: [SignatoryRow],
        hasSignatories: Bool, unnamedCount: Int, hasUnnamed: Bool, unnamedLine: String,
        countLine: String, generator: String,
        strings: SiteStrings = SiteStrings.fallbackEnglish, groups: [SignatoryGroup]? = nil,
        editionsLine: String = "", versionLine: String = "", lagNotice: String = "",
        isSite: Bool = false, root: String = "", languages: [LanguageLink] = [],
        downloadsRoot: String = "", hasPDF: Bool = false
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
        self.signatories = SignatoryList(signatories)
        self.hasSignatories = hasSignatories
        self.unnamedCount = unnamedCount
        self.hasUnnamed = hasUnnamed
        self.unnamedLine = unnamedLine
        self.countLine = countLine
        self.generator = generator
        self.t = TemplateStrings(strings)
        self.previewLine = strings.text("preview-detail", ["status": status])
        self.generatorLine = strings.text("made-with", ["generator": generator])
        self.groups = groups ?? [SignatoryGroup(heading: "", signatories: SignatoryList(signatories))]
        self.editionsLine = editionsLine
        self.hasEditions = !editionsLine.isEmpty
        self.versionLine = versionLine.isEmpty ? strings.text("current-version", ["number": String(version)]) : versionLine
        self.isLagging = !lagNotice.isEmpty
        self.lagNotice = lagNotice
        self.isSite = isSite
        self.root = root
        self.languages = languages
        self.hasLanguages = languages.count > 1
        self.downloadsRoot = downloadsRoot
        self.hasPDF = hasPDF
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
    /// "To Russian authorities", in the page's language.
    public var heading: String

    /// Makes a section from display values.
    public init(key: String, name: String, kind: String, demands: [DemandItem], heading: String? = nil) {
        self.key = key
        self.name = name
        self.kind = kind
        self.demands = demands
        self.heading = heading ?? "To \(name)"
    }
}

/// One demand, in the language of the page.
public struct DemandItem: Sendable {
    /// The demand's kebab-case key.
    public var key: String
    /// The demand's text.
    public var text: String
    /// The demand's page on the site ("../demands/repeal-vpn-ban.html"), or "".
    public var href: String
    /// Whether `href` is non-empty.
    public var hasPage: Bool

    /// Makes a demand item from display values.
    public init(key: String, text: String, href: String = "") {
        self.key = key
        self.text = text
        self.href = href
        self.hasPage = !href.isEmpty
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
    /// Whether the person signed for the organisation; false when the organisation is
    /// named only as the signer's affiliation (templates can say "in a personal capacity").
    public var onBehalf: Bool
    /// What the default templates print beside an affiliation ("affiliation only: a person
    /// signed in their own name"), in the page's language; "" when `onBehalf`.
    public var capacityLine: String
    /// The day of signing, `YYYY-MM-DD`.
    public var signedAt: String
    /// "joined 16 May 2018" when it signed after the first edition, else "".
    public var joinedLine: String
    /// Whether `joinedLine` is non-empty.
    public var hasJoined: Bool
    /// "signed version 1" when it signed an older version than the current one, else "".
    public var signedVersionLine: String
    /// Whether `signedVersionLine` is non-empty.
    public var signedEarlierVersion: Bool
    /// The organisation's page on the site ("../organisations/article-19.html"), or "".
    public var href: String
    /// Whether `href` is non-empty.
    public var hasPage: Bool

    /// Makes a row from display values.
    public init(
        name: String, shortName: String, hasShortName: Bool, country: String,
        countryName: String, hasCountry: Bool, website: String, hasWebsite: Bool,
        kind: String, person: String, title: String, hasPerson: Bool, hasTitle: Bool,
        signedAt: String, joinedLine: String = "", signedVersionLine: String = "", href: String = "",
        onBehalf: Bool = true, capacityLine: String = ""
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
        self.onBehalf = onBehalf
        self.capacityLine = onBehalf ? "" : capacityLine
        self.signedAt = signedAt
        self.joinedLine = joinedLine
        self.hasJoined = !joinedLine.isEmpty
        self.signedVersionLine = signedVersionLine
        self.signedEarlierVersion = !signedVersionLine.isEmpty
        self.href = href
        self.hasPage = !href.isEmpty
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
        case "t": t
        case "previewLine": previewLine
        case "generatorLine": generatorLine
        case "groups": groups
        case "editionsLine": editionsLine
        case "hasEditions": hasEditions
        case "versionLine": versionLine
        case "isLagging": isLagging
        case "lagNotice": lagNotice
        case "isSite": isSite
        case "root": root
        case "languages": languages
        case "hasLanguages": hasLanguages
        case "downloadsRoot": downloadsRoot
        case "hasPDF": hasPDF
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
        case "heading": heading
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
        case "href": href
        case "hasPage": hasPage
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
        case "onBehalf": onBehalf
        case "capacityLine": capacityLine
        case "signedAt": signedAt
        case "joinedLine": joinedLine
        case "hasJoined": hasJoined
        case "signedVersionLine": signedVersionLine
        case "signedEarlierVersion": signedEarlierVersion
        case "href": href
        case "hasPage": hasPage
        default: nil
        }
    }
}

extension SignatoryRow: TemplateRecord {
    /// The fields in `child(named:)`'s order, numbered within their kind.
    private static let fields: [String: TemplateRecordField] = [
        "name": .text(0), "shortName": .text(1), "hasShortName": .flag(0), "country": .text(2),
        "countryName": .text(3), "hasCountry": .flag(1), "website": .text(4), "hasWebsite": .flag(2),
        "kind": .text(5), "person": .text(6), "title": .text(7), "hasPerson": .flag(3), "hasTitle": .flag(4),
        "onBehalf": .flag(5), "signedAt": .text(8), "joinedLine": .text(9), "hasJoined": .flag(6),
        "signedVersionLine": .text(10), "signedEarlierVersion": .flag(7), "href": .text(11), "hasPage": .flag(8),
        "capacityLine": .text(12),
    ]

    static func field(named name: String) -> TemplateRecordField? {
        fields[name]
    }

    func text(_ index: Int) -> String {
        switch index {
        case 0: name
        case 1: shortName
        case 2: country
        case 3: countryName
        case 4: website
        case 5: kind
        case 6: person
        case 7: title
        case 8: signedAt
        case 9: joinedLine
        case 10: signedVersionLine
        case 11: href
        default: capacityLine
        }
    }

    func flag(_ index: Int) -> Bool {
        switch index {
        case 0: hasShortName
        case 1: hasCountry
        case 2: hasWebsite
        case 3: hasPerson
        case 4: hasTitle
        case 5: onBehalf
        case 6: hasJoined
        case 7: signedEarlierVersion
        default: hasPage
        }
    }
}

/// Signatories under one heading (a kind or a country); the heading is "" when ungrouped.
public struct SignatoryGroup: Sendable, MustacheParent {
    /// "Media", "United Kingdom", or "" for the one group of an ungrouped list.
    public var heading: String
    /// Whether `heading` is non-empty.
    public var hasHeading: Bool
    /// The group's signatories, sorted by sort name in the page's language.
    public var signatories: SignatoryList

    /// Makes a group.
    public init(heading: String, signatories: SignatoryList) {
        self.heading = heading
        self.hasHeading = !heading.isEmpty
        self.signatories = signatories
    }

    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "hasHeading": hasHeading
        case "signatories": signatories
        default: nil
        }
    }
}

/// The signatories a list shows.
public typealias SignatoryList = TemplateRows<SignatoryRow>

/// One language edition of a statement, for `hreflang` links and the language menu.
public struct LanguageLink: Sendable, MustacheParent {
    /// The BCP 47 tag (`ru`).
    public var language: String
    /// The language's own name ("Русский").
    public var name: String
    /// The edition's address, relative to the page or absolute with `--base-url`.
    public var href: String
    /// Whether this is the page being shown.
    public var isCurrent: Bool

    /// Makes a link.
    public init(language: String, name: String, href: String, isCurrent: Bool) {
        self.language = language
        self.name = name
        self.href = href
        self.isCurrent = isCurrent
    }

    /// The field called `name`, for swift-mustache; nil only for names that are not fields.
    public func child(named name: String) -> Any? {
        switch name {
        case "language": language
        case "name": self.name
        case "href": href
        case "isCurrent": isCurrent
        default: nil
        }
    }
}
