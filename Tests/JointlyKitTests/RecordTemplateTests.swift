import Testing

@testable import JointlyKit

/// A list's section resolved against a row's fields (`RecordTemplate`) renders exactly what
/// the general renderer renders for the same body, or declines and leaves it to that.
@Suite struct RecordTemplateTests {
    static let rows: [SignatoryRow] = {
        var rows = RenderingFixtures.samplePage().signatories.rows
        var joined = RenderingFixtures.row("Ünïcode & \"quotes\" *stars* [link](x)", shortName: "U&Q", country: "DE", countryName: "Germany")
        joined.joinedLine = "joined 16 May 2018"
        joined.hasJoined = true
        joined.href = "../organisations/u.html"
        joined.hasPage = true
        joined.onBehalf = false
        rows.append(joined)
        return rows
    }()

    static let partials = [
        "plain": "<b>{{name}}</b> {{#hasPage}}{{href}}{{/hasPage}}",
        "md": "{{% CONTENT_TYPE: MARKDOWN }}- {{name}} ({{country}})",
        "dotted": "{{t.signatories}} {{name}}",
    ]

    /// Renders `body` for every row both ways; nil when `RecordTemplate` declines.
    func render(_ body: String, escaping: CompiledTemplate.Escaping) throws -> (general: [UInt8], record: [UInt8])? {
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in Self.partials { templates[name] = try CompiledTemplate(text) }
        let nodes = try CompiledTemplate(body).nodes
        let rendering = TemplateRendering(templates: templates)
        let page = RenderingFixtures.samplePage()
        let context = TemplateRendering.Context(stack: [.parent(page)], indentation: nil, escaping: escaping, parallel: false)
        var general = TemplateOutput()
        rendering.renderRows(Self.rows, 0..<Self.rows.count, body: nodes, context: context, into: &general)
        guard let template = RecordTemplate<SignatoryRow>(nodes, context: context, templates: templates) else { return nil }
        var record: [UInt8] = []
        for row in Self.rows { template.render(row, into: &record) }
        return (general.bytes, record)
    }

    @Test("bodies of the row's own fields render the same both ways", arguments: [
        "{{name}}|{{{name}}}|{{&shortName}}|{{.name}}|{{onBehalf}}|{{hasPage}}\n",
        "{{#hasShortName}}({{shortName}}){{/hasShortName}}{{^hasWebsite}}none{{/hasWebsite}}{{#hasJoined}}{{#onBehalf}}{{joinedLine}}{{/onBehalf}}{{/hasJoined}}",
        "{{> plain}}\n{{> md}}|{{name}}\n{{> missing}}",
        "{{#hasCountry}}{{% CONTENT_TYPE: TEXT }}{{name}}{{/hasCountry}} {{name}}",
    ])
    func sameBytes(body: String) throws {
        for escaping in [CompiledTemplate.Escaping.html, .markdown, .text] {
            let rendered = try #require(try render(body, escaping: escaping), "declined: \(body)")
            #expect(String(decoding: rendered.record, as: UTF8.self) == String(decoding: rendered.general, as: UTF8.self))
        }
    }

    @Test("bodies that need more than the row's fields are left to the general renderer", arguments: [
        "{{t.signatories}}", "{{title}} {{countLine}}", "{{#name}}{{.}}{{/name}}", "{{.}}", "{{> dotted}}",
        "{{#hasPage}}{{root}}{{/hasPage}}",
    ])
    func declines(body: String) throws {
        #expect(try render(body, escaping: .html) == nil)
    }

    @Test("the numbered fields are the named ones")
    func fieldsMatchNames() {
        for row in Self.rows {
            for child in Mirror(reflecting: row).children {
                guard let label = child.label else { continue }
                switch SignatoryRow.field(named: label) {
                case .text(let index)?: #expect(row.text(index) == row.child(named: label) as? String, "\(label)")
                case .flag(let index)?: #expect(row.flag(index) == row.child(named: label) as? Bool, "\(label)")
                case nil: Issue.record("\(label) has no number")
                }
            }
        }
        #expect(SignatoryRow.field(named: "noSuchField") == nil)
    }
}
