import Mustache

// View models of the built site's other pages. Like `StatementPage`, none has an optional
// field and each answers swift-mustache's lookups itself; `RenderingViewModelTests`
// checks every switch against the stored properties.

/// The fields every site page shares: its language, words and way to the root.
public struct SitePageCommon: Sendable {
    /// BCP 47 tag of the page.
    public var language: String
    /// The page's words.
    public var t: TemplateStrings
    /// The way from this page to the site root: "" or "../".
    public var root: String
    /// "Jointly 0.1.0".
    public var generator: String
    /// "Made with Jointly 0.1.0", in the page's language.
    public var generatorLine: String

    /// The common fields of a page in `strings`' language, `root` away from the site root.
    public init(strings: SiteStrings, root: String) {
        language = strings.language
        t = TemplateStrings(strings)
        self.root = root
        generator = "Jointly \(Jointly.version)"
        generatorLine = strings.text("made-with", ["generator": generator])
    }

    func child(named name: String) -> Any? {
        switch name {
        case "language": language
        case "t": t
        case "root": root
        case "generator": generator
        case "generatorLine": generatorLine
        default: nil
        }
    }
}

/// The front page: every public statement, newest first.
public struct SiteIndexPage: Sendable, MustacheParent {
    /// Shared fields.
    public var common: SitePageCommon
    /// The statements.
    public var statements: [SiteStatementItem]

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "statements": statements
        default: common.child(named: name)
        }
    }
}

/// One statement on the front page.
public struct SiteStatementItem: Sendable, MustacheParent {
    public var href: String
    public var title: String
    public var date: String
    public var dateISO: String
    public var issuer: String
    public var editionsLine: String
    public var hasEditions: Bool
    public var countLine: String
    public var languages: [LanguageLink]
    public var hasLanguages: Bool

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "title": title
        case "date": date
        case "dateISO": dateISO
        case "issuer": issuer
        case "editionsLine": editionsLine
        case "hasEditions": hasEditions
        case "countLine": countLine
        case "languages": languages
        case "hasLanguages": hasLanguages
        default: nil
        }
    }
}

/// An organisation's page: what it signed and demanded.
public struct OrganisationPage: Sendable, MustacheParent {
    public var common: SitePageCommon
    public var name: String
    public var shortName: String
    public var hasShortName: Bool
    public var countryName: String
    public var hasCountry: Bool
    public var website: String
    public var hasWebsite: Bool
    /// The heading of its kind ("Media").
    public var kindName: String
    public var statements: [SignedStatementItem]
    public var addressees: [EndorsedDemandSection]
    public var hasDemands: Bool

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "shortName": shortName
        case "hasShortName": hasShortName
        case "countryName": countryName
        case "hasCountry": hasCountry
        case "website": website
        case "hasWebsite": hasWebsite
        case "kindName": kindName
        case "statements": statements
        case "addressees": addressees
        case "hasDemands": hasDemands
        default: common.child(named: name)
        }
    }
}

/// A statement an organisation signed.
public struct SignedStatementItem: Sendable, MustacheParent {
    public var href: String
    public var title: String
    public var date: String
    public var dateISO: String
    public var joinedLine: String
    public var hasJoined: Bool
    /// False when a person signed in their own name, the organisation their affiliation.
    public var onBehalf: Bool
    /// "affiliation only: a person signed in their own name", or "" when `onBehalf`.
    public var capacityLine: String

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "title": title
        case "date": date
        case "dateISO": dateISO
        case "joinedLine": joinedLine
        case "hasJoined": hasJoined
        case "onBehalf": onBehalf
        case "capacityLine": capacityLine
        default: nil
        }
    }
}

/// The demands an organisation endorsed of one addressee.
public struct EndorsedDemandSection: Sendable, MustacheParent {
    public var heading: String
    public var demands: [EndorsedDemandItem]

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "demands": demands
        default: nil
        }
    }
}

/// One endorsed demand and the statement that makes it.
public struct EndorsedDemandItem: Sendable, MustacheParent {
    public var key: String
    public var text: String
    /// The demand's page.
    public var href: String
    public var statementTitle: String
    public var statementHref: String

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "text": text
        case "href": href
        case "statementTitle": statementTitle
        case "statementHref": statementHref
        default: nil
        }
    }
}

/// A demand key's page: the statements that make it and who endorses it.
public struct DemandPage: Sendable, MustacheParent {
    public var common: SitePageCommon
    public var key: String
    /// The demand's text in its newest statement.
    public var title: String
    public var statements: [DemandStatementItem]
    /// Every organisation that endorses it, sorted by sort name.
    public var organisations: TemplateRows<EndorserItem>
    public var hasOrganisations: Bool
    /// "15 organisations from 5 countries".
    public var countLine: String

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "title": title
        case "statements": statements
        case "organisations": organisations
        case "hasOrganisations": hasOrganisations
        case "countLine": countLine
        default: common.child(named: name)
        }
    }
}

/// A statement making a demand, with the demand's text there.
public struct DemandStatementItem: Sendable, MustacheParent {
    public var href: String
    public var title: String
    public var date: String
    public var dateISO: String
    /// "To Russian authorities".
    public var heading: String
    public var text: String

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "title": title
        case "date": date
        case "dateISO": dateISO
        case "heading": heading
        case "text": text
        default: nil
        }
    }
}

/// An organisation endorsing a demand.
public struct EndorserItem: Sendable, MustacheParent {
    public var name: String
    public var href: String
    public var countryName: String
    public var hasCountry: Bool
    /// False when every signature by which it endorses the demand is a person's, signing
    /// in their own name with the organisation as affiliation only.
    public var onBehalf: Bool = true
    /// "affiliation only: a person signed in their own name", or "" when `onBehalf`.
    public var capacityLine: String = ""

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "countryName": countryName
        case "hasCountry": hasCountry
        case "onBehalf": onBehalf
        case "capacityLine": capacityLine
        default: nil
        }
    }
}

/// The Atom feed of statements.
public struct FeedView: Sendable, MustacheParent {
    public var title: String
    public var id: String
    public var updated: String
    public var baseURL: String
    public var hasBaseURL: Bool
    public var selfHref: String
    public var homeHref: String
    public var generator: String
    public var entries: [FeedEntry]

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "id": id
        case "updated": updated
        case "baseURL": baseURL
        case "hasBaseURL": hasBaseURL
        case "selfHref": selfHref
        case "homeHref": homeHref
        case "generator": generator
        case "entries": entries
        default: nil
        }
    }
}

/// One statement in the feed.
public struct FeedEntry: Sendable, MustacheParent {
    public var title: String
    public var id: String
    public var updated: String
    public var published: String
    public var issuer: String
    public var href: String
    public var summary: String

    /// The field called `name`, for swift-mustache.
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "id": id
        case "updated": updated
        case "published": published
        case "issuer": issuer
        case "href": href
        case "summary": summary
        default: nil
        }
    }
}
