/// How a statement's public page groups its signatories.
public enum GroupBy: String, CaseIterable, Sendable {
    /// One list, in name order.
    case none
    /// By the organisation's kind (NGO, media, …).
    case kind
    /// By the organisation's country.
    case country
}

/// What sort of body a statement is addressed to.
public enum AddresseeKind: String, CaseIterable, Sendable {
    /// A state or its authorities.
    case state
    /// An intergovernmental body, such as the UN or the Council of Europe.
    case intergovernmental
    /// A company.
    case company
    /// Anyone else.
    case other
}

/// A statement file (`statements/SLUG.md` or a translation `SLUG.LANG.md`), parsed and checked.
public struct StatementFile: Equatable, Sendable {
    /// Whether the file is an original statement or a translation of one.
    public enum Kind: Equatable, Sendable {
        /// The original text, which defines addressees and demands.
        case original
        /// A translation of the original `of`, made from its version `version`.
        case translation(of: String, version: Int)
    }

    /// Someone a statement's demands are addressed to.
    public struct Addressee: Equatable, Sendable {
        /// The kebab-case key demands refer to with `to`.
        public var key: String
        /// The name shown to readers.
        public var name: String
        /// What sort of body it is.
        public var kind: AddresseeKind
        /// The file line of the addressee's entry.
        public var line: Int

        /// Makes an addressee.
        public init(key: String, name: String, kind: AddresseeKind, line: Int) {
            self.key = key
            self.name = name
            self.kind = kind
            self.line = line
        }
    }

    /// What a translation calls one of the original's addressees.
    public struct TranslatedName: Equatable, Sendable {
        /// The addressee's key in the original.
        public var key: String
        /// The name in the translation's language.
        public var name: String
        /// The file line of the entry.
        public var line: Int

        /// Makes a translated name.
        public init(key: String, name: String, line: Int) {
            self.key = key
            self.name = name
            self.line = line
        }
    }

    /// One demand of a statement, which organisations may endorse one by one.
    public struct Demand: Equatable, Sendable {
        /// The kebab-case key of the demand.
        public var key: String
        /// The key of the addressee it is made to; empty in a translation.
        public var addressee: String
        /// The demand's text, whitespace folded.
        public var text: String
        /// The file line of the demand's entry.
        public var line: Int

        /// Makes a demand.
        public init(key: String, addressee: String, text: String, line: Int) {
            self.key = key
            self.addressee = addressee
            self.text = text
            self.line = line
        }
    }

    /// The file's path, as given.
    public var path: String
    /// Original or translation.
    public var kind: Kind
    /// The statement's slug; for a translation, the original's slug.
    public var slug: String
    /// The title, whitespace folded.
    public var title: String
    /// The date the text bears, `YYYY-MM-DD`; always present in an original.
    public var date: String?
    /// The BCP 47 tag of the text's language, such as `en`, `pt-BR` or `zh-Hans`.
    public var language: String
    /// The lead organisation, by name; empty in a translation.
    public var issuer: String
    /// How the public page groups signatories.
    public var groupBy: GroupBy
    /// The last day to sign, `YYYY-MM-DD`, if any.
    public var deadline: String?
    /// The addressees, in file order; empty in a translation.
    public var addressees: [Addressee]
    /// A translation's names for the original's addressees, in file order; empty in an
    /// original. Names, not signed text: they are not part of ``canonicalText``.
    public var addresseeNames: [TranslatedName] = []
    /// The demands, in file order.
    public var demands: [Demand]
    /// The Markdown body: LF line endings, trailing whitespace of the whole body removed.
    public var body: String
    /// The file line where the body starts.
    public var bodyLine: Int

    /// Makes a statement file value; `StatementFileParser` is the usual way to get one.
    public init(
        path: String, kind: Kind, slug: String, title: String, date: String?, language: String,
        issuer: String, groupBy: GroupBy = .none, deadline: String? = nil,
        addressees: [Addressee], demands: [Demand], body: String, bodyLine: Int
    ) {
        self.path = path
        self.kind = kind
        self.slug = slug
        self.title = title
        self.date = date
        self.language = language
        self.issuer = issuer
        self.groupBy = groupBy
        self.deadline = deadline
        self.addressees = addressees
        self.demands = demands
        self.body = body
        self.bodyLine = bodyLine
    }
}

extension StatementFile {
    /// The text signatories agree to, in one stable form whose hash identifies a version.
    ///
    /// The form is, with LF line endings and no trailing spaces or tabs on any line:
    ///
    ///     TITLE
    ///     <empty line>
    ///     DEMAND-KEY: DEMAND TEXT        (one line per demand, in file order)
    ///     <empty line>
    ///     BODY
    ///
    /// ending in exactly one LF. Title and demand texts are already whitespace-folded;
    /// every body line loses its trailing whitespace (so Markdown's two-space hard break
    /// does not count; a backslash break does). Dates, addressees, the issuer and other
    /// settings are not part of it: changing them does not change what was signed.
    public var canonicalText: String {
        Self.canonicalText(title: title, demands: demands.map { ($0.key, $0.text) }, body: body)
    }

    /// The canonical text of a title, demands (key and text, in order) and body; the
    /// stored versions are compared and diffed in this form.
    public static func canonicalText(title: String, demands: [(key: String, text: String)], body: String) -> String {
        var lines = [title, ""]
        lines += demands.map { "\($0.key): \($0.text)" }
        lines.append("")
        lines += body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let text = lines.map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
        }
        return text.joined(separator: "\n") + "\n"
    }

    /// Lowercase hex SHA-256 of `canonicalText` in UTF-8.
    public var textHash: String {
        Hashing.sha256(canonicalText)
    }
}
