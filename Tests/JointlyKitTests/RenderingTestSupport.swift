import Foundation
import Testing

@testable import JointlyKit

/// Helpers shared by the Rendering*Tests files.
enum RenderingFixtures {
    /// The hostile name every rendering test pushes through the templates.
    static let hostileName = "*Bold* [x](javascript:alert(1)) <script>alert(1)</script>"

    /// A signatory row with only the fields a test cares about.
    static func row(
        _ name: String, shortName: String = "", country: String = "", countryName: String = "",
        website: String = "", kind: String = "ngo", person: String = "", title: String = "",
        signedAt: String = "2018-04-30"
    ) -> SignatoryRow {
        SignatoryRow(
            name: name, shortName: shortName, hasShortName: !shortName.isEmpty,
            country: country, countryName: countryName, hasCountry: !country.isEmpty,
            website: website, hasWebsite: !website.isEmpty, kind: kind,
            person: person, title: title, hasPerson: !person.isEmpty, hasTitle: !title.isEmpty,
            signedAt: signedAt)
    }

    /// The 2018 Telegram statement, shortened: three addressees, five named signatories
    /// (one hostile, one with no person or title), one unnamed.
    static func samplePage(status: String = "published") -> StatementPage {
        let body = """
            On 16 April 2018, Russia began blocking [Telegram](https://telegram.org), \
            a messaging app used by millions of people.

            We, the undersigned organisations, call on the authorities to stop.
            """
        let signatories = [
            row("*Bold* [x](javascript:alert(1)) <script>alert(1)</script>", shortName: "<b>"),
            row("+972 Magazine", country: "IL", countryName: "Israel", kind: "media"),
            row(
                "ARTICLE 19", country: "GB", countryName: "United Kingdom",
                website: "https://www.article19.org", person: "Thomas Hughes",
                title: "Executive Director"),
            row(
                "Human Rights Watch", shortName: "HRW", country: "US",
                countryName: "United States", website: "https://www.hrw.org/?a=1&b=2",
                person: "Rachel Denber"),
            row("ОВД-Инфо", country: "RU", countryName: "Russia", kind: "media"),
        ]
        let unnamed = 1
        return StatementPage(
            language: "en",
            slug: "russia-telegram-2018",
            title: "Russia: Telegram block leads to widespread assault on freedom of expression online",
            date: "30 April 2018",
            dateISO: "2018-04-30",
            issuer: "ARTICLE 19",
            status: status,
            isPreview: status != "published" && status != "closed",
            bodyMarkdown: body,
            bodyHTML: MarkdownHTML.render(body),
            version: 1,
            addressees: [
                AddresseeSection(
                    key: "russia", name: "Russian authorities", kind: "state",
                    demands: [
                        DemandItem(key: "stop-blocking-telegram", text: "Stop blocking Telegram."),
                        DemandItem(key: "repeal-vpn-ban", text: "Repeal the ban on VPNs & anonymisers."),
                    ]),
                AddresseeSection(
                    key: "un", name: "UN and Council of Europe", kind: "intergovernmental",
                    demands: [
                        DemandItem(key: "call-on-russia", text: "Call on Russia to respect freedom of expression."),
                    ]),
                AddresseeSection(
                    key: "internet-companies", name: "Apple, Google & other Internet companies",
                    kind: "company",
                    demands: [
                        DemandItem(key: "resist-requests", text: "Resist unlawful requests to block services."),
                    ]),
            ],
            signatories: signatories,
            hasSignatories: !signatories.isEmpty,
            unnamedCount: unnamed,
            hasUnnamed: unnamed > 0,
            unnamedLine: StatementPage.unnamedLine(count: unnamed),
            countLine: StatementPage.countLine(organisations: signatories.count + unnamed, countries: 4),
            generator: "Jointly 0.1.0")
    }

    /// `Tests/JointlyKitTests/`, found from this file so tests run from any directory.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The repository root, two folders above this file.
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// Compares `actual` with `Golden/name`. A missing or different golden file fails;
    /// with `RECORD_GOLDEN=1` the file is written and the test still fails, so a
    /// recording is always a deliberate second run.
    static func assertGolden(
        _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = testsDirectory.appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded Golden/\(name); run again without RECORD_GOLDEN to check it", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record Golden/\(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("Golden/\(name) is missing; run with RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedLines, actualLines).enumerated()
            .first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        let want = firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end of file>"
        let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end of file>"
        Issue.record(
            "output differs from Golden/\(name) at line \(firstDifference + 1):\n  golden: \(want)\n  actual: \(got)\n(RECORD_GOLDEN=1 re-records it)",
            sourceLocation: sourceLocation)
    }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jointly-rendering-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The text content of cmark's HTML: tags removed, the entities it writes decoded.
    static func textContent(ofHTML html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        text = text.replacingOccurrences(of: "&amp;", with: "&")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
