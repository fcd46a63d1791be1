/// The organisations an import may match, by the hash (`String.utf8HashValue`) of their
/// normalised names, and the hashes of every alias.
///
/// It holds every organisation the database had when the import began and each one the
/// import adds, so a row is matched without asking the `organisation_identity` index:
/// a big import can drop that index and build it again once, at the end (an index
/// filled in file order is written all over the file). A hash only names candidates;
/// whether one is the organisation is decided by its stored name.
struct KnownNames {
    /// The first organisation with each hash, and any others with the same one (the
    /// same name in two countries, or two names whose hashes collide).
    private var first: [Int: Int64] = [:]
    private var more: [Int: [Int64]] = [:]
    private var aliases = Set<Int>()

    /// How many organisations it holds.
    private(set) var count = 0

    mutating func add(organisation id: Int64, hash: Int) {
        count += 1
        guard first[hash] == nil else { return more[hash, default: []].append(id) }
        first[hash] = id
    }

    mutating func add(alias hash: Int) {
        aliases.insert(hash)
    }

    /// The organisations whose normalised name may have this hash.
    func organisations(hash: Int) -> [Int64] {
        guard let id = first[hash] else { return [] }
        return [id] + (more[hash] ?? [])
    }

    /// Whether an alias may have this hash.
    func mayBeAlias(hash: Int) -> Bool {
        aliases.contains(hash)
    }
}
