import GRDB

/// Where a statement is in its life: text in work, collecting, public, finished.
public enum StatementStatus: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case draft, open, published, closed

    /// The states this one may move to.
    public var next: [StatementStatus] {
        switch self {
        case .draft: [.open, .published]
        case .open: [.published, .closed]
        case .published: [.closed]
        case .closed: []
        }
    }

    /// Whether the built site shows statements in this state.
    public var isPublic: Bool { self == .published || self == .closed }
}

/// What kind of group an organisation is.
public enum OrganisationKind: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case ngo, media, academic, union, company, network, other
}

/// Where a signature stands in moderation.
public enum SignatureStatus: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case pending, verified, rejected, withdrawn
}

/// How a signature reached the database.
public enum SignatureSource: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case cli, `import`, form
}

/// How a coordinator confirmed that a signature was authorised.
public enum VerificationMethod: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    case email, phone, letter, inPerson = "in-person", other
}

extension GroupBy: Codable, DatabaseValueConvertible {}
extension AddresseeKind: Codable, DatabaseValueConvertible {}
