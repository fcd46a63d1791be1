import Mustache

/// The rows a list section repeats over: in memory, or a window of a sorted list that a
/// build reads from the database while it writes the page, so that a list of a million
/// is never held whole. Only Jointly's own renderer fills a streamed window; pages that
/// swift-mustache renders always get their rows in memory.
public struct TemplateRows<Row: MustacheParent & Sendable>: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral, MustacheSequence {
    /// The rows in memory; empty for a streamed list.
    public let rows: [Row]
    /// Which rows of the sorted list a streamed list shows; nil for rows in memory.
    let window: Range<Int>?

    /// A list of `rows`.
    public init(_ rows: [Row]) {
        self.rows = rows
        window = nil
    }

    /// A list of `rows`.
    public init(arrayLiteral rows: Row...) {
        self.init(rows)
    }

    /// The rows `window` of a sorted list, read while the page is written.
    init(streaming window: Range<Int>) {
        rows = []
        self.window = window
    }

    /// The number of rows, streamed or not.
    public var total: Int { window?.count ?? rows.count }

    /// The first row in memory.
    public var startIndex: Int { rows.startIndex }
    /// Past the last row in memory.
    public var endIndex: Int { rows.endIndex }
    /// The row in memory at `position`.
    public subscript(position: Int) -> Row { rows[position] }
}

/// A list a section repeats over whose rows are read while the page is written: a
/// window of a sorted list (`SignatoryList`) streamed from the database.
protocol StreamedList {
    /// Which rows of the sorted list; nil when the rows are in memory.
    var window: Range<Int>? { get }
}

extension TemplateRows: StreamedList, TemplateList {
    func frame(at index: Int) -> TemplateRendering.Frame {
        .parent(rows[index])
    }
}
