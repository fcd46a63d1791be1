extension String {
    /// A hash of the string's UTF-8 bytes, for sets that only filter.
    ///
    /// `hashValue` hashes a non-ASCII string's canonical form, normalising it on every
    /// call; an import hashes every name. Two strings SQLite stores as the same bytes hash
    /// alike here, which is all a filter in front of an SQLite lookup needs.
    var utf8HashValue: Int {
        var hasher = Hasher()
        var text = self
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }
}
