import Mustache

/// A row of a long list whose fields a template reads by number instead of by name.
///
/// `TemplateRendering` finds a value through `child(named:)`, which returns `Any`: the row
/// is boxed onto the context stack, each field boxed again and cast back, for every tag of
/// every row. For a list streamed into a page (`TemplateHole`), the section's body is
/// instead resolved once against the row's fields (`RecordTemplate`), and each row is then
/// read through `text(_:)` and `flag(_:)`.
protocol TemplateRecord: MustacheParent {
    /// The field called `name`, as `child(named:)` answers it; nil for any other name.
    static func field(named name: String) -> TemplateRecordField?
    /// The text field at `index`.
    func text(_ index: Int) -> String
    /// The flag at `index`.
    func flag(_ index: Int) -> Bool
}

/// A field of a `TemplateRecord`, by kind and number.
enum TemplateRecordField: Equatable {
    case text(Int)
    case flag(Int)
}

/// The body of a list's section resolved against the fields of `Record`, so a row renders
/// without a lookup by name: what `TemplateRendering` renders for the same body and row,
/// byte for byte (`RecordTemplateTests` renders both ways).
///
/// Only bodies that read nothing but the row's own fields, have sections only on its flags,
/// and no indented partials are resolved; any other body is rendered as before.
struct RecordTemplate<Record: TemplateRecord> {
    private indirect enum Step {
        case bytes([UInt8])
        case text(Int, CompiledTemplate.Escaping?)
        case flagText(Int)
        case section(flag: Int, inverted: Bool, body: [Step])
    }

    private let steps: [Step]

    /// `body`, rendered in `context` with the row on top; nil when it needs anything else.
    init?(_ body: [CompiledTemplate.Node], context: TemplateRendering.Context, templates: [String: CompiledTemplate]) {
        guard context.indentation?.isEmpty ?? true,
              let steps = Self.resolve(body, escaping: context.escaping, templates: templates)
        else { return nil }
        self.steps = steps
    }

    private static func resolve(
        _ nodes: [CompiledTemplate.Node], escaping: CompiledTemplate.Escaping, templates: [String: CompiledTemplate]
    ) -> [Step]? {
        var escaping = escaping
        var steps: [Step] = []
        for node in nodes {
            switch node {
            case .text(let bytes):
                steps.append(.bytes(bytes))
            case .variable(let name, let escaped):
                switch field(name) {
                case .text(let index)?: steps.append(.text(index, escaped ? escaping : nil))
                case .flag(let index)?: steps.append(.flagText(index))
                case nil: return nil
                }
            case .section(let name, let inverted, let body):
                // A text field as a section would push the text as the context: left to the general path.
                guard case .flag(let index)? = field(name),
                      let body = resolve(body, escaping: escaping, templates: templates)
                else { return nil }
                steps.append(.section(flag: index, inverted: inverted, body: body))
            case .partial(let name, let indentation):
                guard indentation?.isEmpty ?? true else { return nil }
                // A missing partial renders as nothing; a partial starts in HTML until its own pragma.
                guard let partial = templates[name] else { continue }
                guard let inner = resolve(partial.nodes, escaping: .html, templates: templates) else { return nil }
                steps += inner
            case .contentType(let type):
                escaping = type
            }
        }
        return steps
    }

    /// The row's field a name reads: only a plain one-part name, which the row answers
    /// first because it is on top of the stack.
    private static func field(_ name: CompiledTemplate.Name) -> TemplateRecordField? {
        guard !name.isSelf, name.path.count == 1, let first = name.path.first else { return nil }
        return Record.field(named: first)
    }

    /// The body for `record`, appended to `bytes`.
    func render(_ record: Record, into bytes: inout [UInt8]) {
        Self.render(steps, record, into: &bytes)
    }

    private static func render(_ steps: [Step], _ record: Record, into bytes: inout [UInt8]) {
        for step in steps {
            switch step {
            case .bytes(let fixed):
                bytes.append(contentsOf: fixed)
            case .text(let index, let escaping):
                let text = record.text(index)
                switch escaping {
                case .html?: HTMLEscaping.append(text, to: &bytes)
                case .markdown?: MarkdownEscaping.append(text, to: &bytes)
                case .text?, nil: bytes.append(contentsOf: text.utf8)
                }
            case .flagText(let index):
                bytes.append(contentsOf: (record.flag(index) ? "true" : "false").utf8)
            case .section(let index, let inverted, let body):
                if record.flag(index) != inverted { render(body, record, into: &bytes) }
            }
        }
    }
}

extension TemplateHole {
    /// The section's body for each of `records` (the records at `range` of the window),
    /// appended to `bytes`, through `template`.
    func render<Record>(_ records: ArraySlice<Record>, through template: RecordTemplate<Record>, at range: Range<Int>, into bytes: inout [UInt8]) {
        let start = bytes.count
        for record in records { template.render(record, into: &bytes) }
        if range.lowerBound == window.lowerBound, !indentation.isEmpty, bytes.count > start {
            bytes.insert(contentsOf: indentation, at: start)
        }
    }

    /// The body resolved against `Record`'s fields, or nil when it needs the general path.
    func recordTemplate<Record: TemplateRecord>(for _: Record.Type) -> RecordTemplate<Record>? {
        RecordTemplate(body, context: context, templates: rendering.templates)
    }
}
