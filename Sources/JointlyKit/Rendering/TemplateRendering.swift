import Dispatch
import Mustache

/// Renders `CompiledTemplate`s over Jointly's view models into bytes.
///
/// It gives what swift-mustache gives for the same template and values (a test renders
/// both ways and compares), with three differences in cost, none in output: names were
/// split when the template was parsed; a value is looked up through `MustacheParent`
/// without trying other protocols first; and a long list is rendered in chunks on every
/// core, the chunks joined in order and, when writing a file, written as they are done.
///
/// One difference in output, on purpose: HTML is always escaped byte by byte
/// (`HTMLEscaping`). swift-mustache's own escaper, which it uses in a partial until the
/// partial's `CONTENT_TYPE` pragma, compares whole `Character`s, so a `"` or `<` followed
/// by a combining mark is left unescaped there.
struct TemplateRendering {
    /// Every compiled template and partial by name.
    let templates: [String: CompiledTemplate]

    /// Lists at least this long are rendered in chunks on both cores.
    static let parallelThreshold = 4_096
    /// Rows per chunk of a long list.
    static let chunkSize = 1_024

    /// `template` rendered with `value` at the bottom of the context stack.
    func render(_ template: CompiledTemplate, _ value: Any, into output: inout TemplateOutput) {
        let context = Context(stack: [Frame(value)], indentation: nil, escaping: .html, parallel: true)
        render(template.nodes, context: context, into: &output)
    }

    // MARK: - Context

    /// One value on the context stack; a `MustacheParent` is kept as one, so each lookup
    /// calls it directly instead of casting.
    enum Frame {
        case parent(any MustacheParent)
        case value(Any)

        init(_ value: Any) {
            if let parent = value as? any MustacheParent {
                self = .parent(parent)
            } else {
                self = .value(value)
            }
        }

        var value: Any {
            switch self {
            case .parent(let parent): parent
            case .value(let value): value
            }
        }

        /// The child called `name`, as swift-mustache finds it in one value.
        func child(named name: String) -> Any? {
            switch self {
            case .parent(let parent): parent.child(named: name)
            case .value(let value): Self.child(named: name, of: value)
            }
        }

        static func child(named name: String, of value: Any) -> Any? {
            if let parent = value as? any MustacheParent { return parent.child(named: name) }
            guard let match = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: match.value)
            guard mirror.displayStyle == .optional else { return match.value }
            return mirror.children.first?.value
        }
    }

    struct Context {
        var stack: [Frame]
        var indentation: String?
        var escaping: CompiledTemplate.Escaping
        /// False inside a chunk already rendered on another core.
        var parallel: Bool

        func pushing(_ frame: Frame) -> Context {
            var context = self
            context.stack.append(frame)
            return context
        }
    }

    /// The value `name` names, looked up as swift-mustache does: the first part in the
    /// stack from the top down (only the top for `.name`), the other parts inside it.
    func lookup(_ name: CompiledTemplate.Name, in context: Context) -> Any? {
        guard let top = context.stack.last else { return nil }
        if name.isSelf { return top.value }
        guard let first = name.path.first else { return top.value }
        var found: Any?
        if name.anchored {
            found = top.child(named: first)
        } else {
            for frame in context.stack.reversed() {
                if let child = frame.child(named: first) {
                    found = child
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for part in name.path.dropFirst() {
            guard let child = Frame.child(named: part, of: value) else { return nil }
            value = child
        }
        return value
    }

    // MARK: - Rendering

    func render(_ nodes: [CompiledTemplate.Node], context: Context, into output: inout TemplateOutput) {
        var context = context
        let start = output.bytes.count
        let indentation = context.indentation ?? ""
        for node in nodes {
            let before = output.bytes.count
            let holes = output.holes.count
            render(node, context: &context, into: &output)
            // In an indented partial, each line the partial starts gets the indentation
            // (a streamed list's hole does that itself).
            if !indentation.isEmpty, output.holes.count == holes, output.bytes.count > before,
               output.endsWithLineFeed(from: start, to: before) {
                output.bytes.insert(contentsOf: indentation.utf8, at: before)
            }
        }
    }

    private func render(_ node: CompiledTemplate.Node, context: inout Context, into output: inout TemplateOutput) {
        switch node {
        case .text(let bytes):
            output.bytes.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = lookup(name, in: context) else { return }
            let text = Self.text(of: value)
            if escaped {
                output.append(text, escaping: context.escaping)
            } else {
                output.bytes.append(contentsOf: text.utf8)
            }
        case .section(let name, let inverted, let body):
            let value = lookup(name, in: context)
            if inverted {
                renderInverted(value, body: body, context: context, into: &output)
            } else {
                renderSection(value, body: body, context: context, into: &output)
            }
        case .partial(let name, let indented):
            guard let partial = templates[name] else { return }
            var inner = context
            if let indented { inner.indentation = (context.indentation ?? "") + indented }
            // swift-mustache starts every partial in HTML until its own pragma.
            inner.escaping = .html
            render(partial.nodes, context: inner, into: &output)
        case .contentType(let escaping):
            context.escaping = escaping
        }
    }

    private func renderSection(_ value: Any?, body: [CompiledTemplate.Node], context: Context, into output: inout TemplateOutput) {
        switch value {
        case let flag as Bool:
            if flag { render(body, context: context, into: &output) }
        case let list as any StreamedList where list.window != nil:
            output.leaveHole(TemplateHole(window: list.window ?? 0..<0, body: body, context: context, rendering: self))
        case let list as any TemplateList:
            renderList(list, body: body, context: context, into: &output)
        case .some(let value):
            render(body, context: context.pushing(Frame(value)), into: &output)
        case .none:
            break
        }
    }

    private func renderInverted(_ value: Any?, body: [CompiledTemplate.Node], context: Context, into output: inout TemplateOutput) {
        switch value {
        case let flag as Bool:
            if !flag { render(body, context: context, into: &output) }
        case let list as any StreamedList where list.window != nil:
            if list.window?.isEmpty ?? true { render(body, context: context.pushing(.value(list)), into: &output) }
        case let list as any TemplateList:
            if list.count == 0 { render(body, context: context.pushing(.value(list)), into: &output) }
        case .some:
            break
        case .none:
            render(body, context: context, into: &output)
        }
    }

    private func renderList(_ list: any TemplateList, body: [CompiledTemplate.Node], context: Context, into output: inout TemplateOutput) {
        let count = list.count
        guard context.parallel, count >= Self.parallelThreshold else {
            renderRows(list, 0..<count, body: body, context: context, into: &output)
            return
        }
        // Chunks of rows on every core, a batch at a time, each batch appended in order
        // and flushed to the file before the next is rendered.
        var inner = context
        inner.parallel = false
        let chunks = (count + Self.chunkSize - 1) / Self.chunkSize
        let batch = 32
        nonisolated(unsafe) let shared = (self, list, body, inner)
        for first in stride(from: 0, to: chunks, by: batch) {
            let last = min(first + batch, chunks)
            var parts = [[UInt8]](repeating: [], count: last - first)
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                DispatchQueue.concurrentPerform(iterations: last - first) { offset in
                    let (rendering, list, body, inner) = shared
                    let chunk = first + offset
                    var part = TemplateOutput()
                    let rows = (chunk * Self.chunkSize)..<min(count, (chunk + 1) * Self.chunkSize)
                    rendering.renderRows(list, rows, body: body, context: inner, into: &part)
                    buffer[offset] = part.bytes
                }
            }
            for part in parts {
                output.bytes.append(contentsOf: part)
            }
            if context.indentation?.isEmpty ?? true { output.flushIfFull() }
        }
    }

    /// `body` once for each of `rows` of `list`; the row replaces the top of one stack, so
    /// no row copies the stack.
    func renderRows(_ list: any TemplateList, _ rows: Range<Int>, body: [CompiledTemplate.Node], context: Context, into output: inout TemplateOutput) {
        guard !rows.isEmpty else { return }
        var rowContext = context.pushing(list.frame(at: rows.lowerBound))
        let top = rowContext.stack.count - 1
        for index in rows {
            if index != rows.lowerBound { rowContext.stack[top] = list.frame(at: index) }
            render(body, context: rowContext, into: &output)
        }
    }

    /// A value as swift-mustache prints it.
    static func text(of value: Any) -> String {
        switch value {
        case let text as String: text
        case let flag as Bool: flag ? "true" : "false"
        case let number as Int: String(number)
        default: String(describing: value)
        }
    }
}

/// A list a section repeats over; arrays are the only lists the view models hold.
protocol TemplateList {
    var count: Int { get }
    func frame(at index: Int) -> TemplateRendering.Frame
}

extension Array: TemplateList {
    func frame(at index: Int) -> TemplateRendering.Frame {
        TemplateRendering.Frame(self[index])
    }
}

/// Where a streamed list goes in a rendered page: the section's body and context, to
/// render for each row when the rows are read.
struct TemplateHole {
    /// Which rows of the sorted list the section shows.
    let window: Range<Int>
    let body: [CompiledTemplate.Node]
    let context: TemplateRendering.Context
    let rendering: TemplateRendering
    /// The indentation to put before the first row, when the list starts a line of an
    /// indented partial.
    var indentation: [UInt8] = []

    /// The section's body for each of `rows` (the rows at `range` of the window), appended to `bytes`.
    func render(_ rows: ArraySlice<some MustacheParent>, at range: Range<Int>, into bytes: inout [UInt8]) {
        var output = TemplateOutput()
        swap(&output.bytes, &bytes)
        var rowContext = context.pushing(.value(0))
        rowContext.parallel = false
        let top = rowContext.stack.count - 1
        let start = output.bytes.count
        for row in rows {
            rowContext.stack[top] = .parent(row)
            rendering.render(body, context: rowContext, into: &output)
        }
        if range.lowerBound == window.lowerBound, !indentation.isEmpty, output.bytes.count > start {
            output.bytes.insert(contentsOf: indentation, at: start)
        }
        swap(&output.bytes, &bytes)
    }
}

/// Rendered bytes, optionally written to a file whenever about a megabyte has built up.
struct TemplateOutput {
    var bytes: [UInt8] = []
    /// The bytes before each hole left for a streamed list, when there are any.
    var segments: [[UInt8]] = []
    /// The holes left for streamed lists, in order; `bytes` follows the last.
    var holes: [TemplateHole] = []
    /// Writes out the bytes so far; nil to keep everything in memory.
    var sink: (([UInt8]) throws -> Void)?
    /// The first error the sink threw; later writes are dropped.
    var error: Error?
    static let flushSize = 1 << 20

    mutating func append(_ text: String, escaping: CompiledTemplate.Escaping) {
        switch escaping {
        case .html: HTMLEscaping.append(text, to: &bytes)
        case .markdown: MarkdownEscaping.append(text, to: &bytes)
        case .text: bytes.append(contentsOf: text.utf8)
        }
    }

    /// Ends the bytes so far at a hole for a streamed list.
    mutating func leaveHole(_ hole: TemplateHole) {
        var hole = hole
        let indentation = hole.context.indentation ?? ""
        if !indentation.isEmpty, bytes.last == 0x0A { hole.indentation = Array(indentation.utf8) }
        segments.append(bytes)
        bytes = []
        holes.append(hole)
    }

    /// Whether the bytes in `start..<end` end in a line feed that is not part of a `\r\n`.
    func endsWithLineFeed(from start: Int, to end: Int) -> Bool {
        guard end > start, bytes[end - 1] == 0x0A else { return false }
        return end - 1 == start || bytes[end - 2] != 0x0D
    }

    /// Hands the bytes to the sink once about a megabyte has built up.
    mutating func flushIfFull() {
        guard bytes.count >= Self.flushSize else { return }
        flush()
    }

    /// Hands every byte so far to the sink.
    mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        if error == nil {
            do { try sink(bytes) } catch { self.error = error }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
