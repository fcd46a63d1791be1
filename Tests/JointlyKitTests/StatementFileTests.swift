import Foundation
import Testing
@testable import JointlyKit

/// The statement of DESIGN.md, with three addressees; line numbers in the tests refer to it.
private let telegram = """
    ---
    slug: russia-telegram-2018
    title: "Russia: Telegram block leads to widespread assault on freedom of expression online"
    date: 2018-04-30
    language: en
    issuer: ARTICLE 19
    group-by: country
    addressees:
      - key: russia
        name: Russian authorities
        kind: state
      - key: intl
        name: Intergovernmental bodies
        kind: intergovernmental
      - key: companies
        name: Internet companies
        kind: company
    demands:
      - key: repeal-vpn-ban
        to: russia
        text: Repeal the ban on VPNs and anonymisers.
      - key: unblock-telegram
        to: russia
        text: Stop blocking Telegram.
    ---
    The body, in Markdown.

    """

private let telegramPath = "statements/russia-telegram-2018.md"

/// `telegram` with line `number` (1-based) replaced by `lines`.
private func telegram(replacingLine number: Int, with lines: String...) -> String {
    var all = telegram.components(separatedBy: "\n")
    all.replaceSubrange((number - 1)...(number - 1), with: lines)
    return all.joined(separator: "\n")
}

/// The problems parsing reports, as `line: message`; empty if the file is valid.
private func problems(_ contents: String, path: String = telegramPath) -> [String] {
    do {
        _ = try StatementFileParser.parse(contents: contents, path: path)
        return []
    } catch JointlyError.invalidFile(let diagnostics) {
        #expect(diagnostics.allSatisfy { $0.path == path })
        return diagnostics.map { "\($0.line.map(String.init) ?? "-"): \($0.message)" }
    } catch {
        Issue.record("unexpected error \(error)")
        return ["\(error)"]
    }
}

@Suite("Statement files")
struct StatementFileTests {
    // MARK: - Valid files

    @Test func parsesAFullOriginal() throws {
        let file = try StatementFileParser.parse(contents: telegram, path: telegramPath)
        #expect(file == StatementFile(
            path: telegramPath, kind: .original, slug: "russia-telegram-2018",
            title: "Russia: Telegram block leads to widespread assault on freedom of expression online",
            date: "2018-04-30", language: "en", issuer: "ARTICLE 19", groupBy: .country, deadline: nil,
            addressees: [
                .init(key: "russia", name: "Russian authorities", kind: .state, line: 9),
                .init(key: "intl", name: "Intergovernmental bodies", kind: .intergovernmental, line: 12),
                .init(key: "companies", name: "Internet companies", kind: .company, line: 15),
            ],
            demands: [
                .init(key: "repeal-vpn-ban", addressee: "russia", text: "Repeal the ban on VPNs and anonymisers.", line: 19),
                .init(key: "unblock-telegram", addressee: "russia", text: "Stop blocking Telegram.", line: 22),
            ],
            body: "The body, in Markdown.", bodyLine: 26))
    }

    @Test func parsesATranslation() throws {
        let contents = """
            ---
            translation-of: russia-telegram-2018
            translates-version: 2
            title: "Россия: блокировка Telegram"
            language: ru
            demands:
              - key: repeal-vpn-ban
                text: Отменить запрет на VPN и анонимайзеры.
            ---
            Текст.
            """
        let path = "statements/russia-telegram-2018.ru.md"
        let file = try StatementFileParser.parse(contents: contents, path: path)
        #expect(file == StatementFile(
            path: path, kind: .translation(of: "russia-telegram-2018", version: 2), slug: "russia-telegram-2018",
            title: "Россия: блокировка Telegram", date: nil, language: "ru", issuer: "",
            addressees: [],
            demands: [.init(key: "repeal-vpn-ban", addressee: "", text: "Отменить запрет на VPN и анонимайзеры.", line: 7)],
            body: "Текст.", bodyLine: 10))
    }

    @Test func translationRules() {
        let contents = """
            ---
            translation-of: russia-telegram-2018
            translates-version: 0
            title: Titel
            language: de
            issuer: ARTICLE 19
            demands:
              - key: repeal-vpn-ban
                to: russia
                text: VPN-Verbot aufheben.
            ---
            Text.
            """
        #expect(problems(contents, path: "statements/russia-telegram-2018.ru.md") == [
            "3: translates-version '0' is not a positive whole number: give the version of the original this translates, such as 1",
            "5: language 'de' does not match the file name 'russia-telegram-2018.ru.md': the file of a 'de' translation is named russia-telegram-2018.de.md",
            "6: unknown key 'issuer' for a translation; the allowed keys are: translation-of, translates-version, title, language, date, addressees, demands",
            "9: demand 'repeal-vpn-ban' has 'to', but a translation takes its addressees from the original: remove it",
        ])
    }

    @Test func acceptsCRLFAsLF() throws {
        let crlf = telegram.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try StatementFileParser.parse(contents: crlf, path: telegramPath)
            == StatementFileParser.parse(contents: telegram, path: telegramPath))
        let broken = telegram(replacingLine: 4, with: "date: 2018-02-30")
        #expect(problems(broken.replacingOccurrences(of: "\n", with: "\r\n")) == problems(broken))
    }

    @Test func foldsWhitespaceInTexts() throws {
        let contents = """
            ---
            slug: s
            title: "  A   title\\twith
              a break  "
            date: 2020-01-01
            language: pt-BR
            issuer: >
              Some
              Issuer
            addressees:
              - {key: a, name: "  The\\n  addressee ", kind: other}
            demands:
              - key: d
                to: a
                text: |
                  Line one
                  line two.
            ---

            Body line\u{20}\u{20}
            second line\t

            """
        let file = try StatementFileParser.parse(contents: contents, path: "s.md")
        #expect(file.title == "A title with a break")
        #expect(file.issuer == "Some Issuer")
        #expect(file.addressees.map(\.name) == ["The addressee"])
        #expect(file.demands.map(\.text) == ["Line one line two."])
        #expect(file.body == "\nBody line  \nsecond line")
        #expect(file.bodyLine == 19)
    }

    @Test func canonicalTextAndHashAreStable() throws {
        let contents = """
            ---
            slug: small
            title: A small statement
            date: 2024-05-01
            language: en
            issuer: Org
            addressees:
              - key: gov
                name: The government
                kind: state
            demands:
              - key: free-all
                to: gov
                text: Free them all.
              - key: stop-it
                to: gov
                text: Stop it.
            ---
            We, the undersigned,\u{20}\u{20}
            ask for this.\r

            """
        let file = try StatementFileParser.parse(contents: contents, path: "statements/small.md")
        #expect(file.canonicalText == """
            A small statement

            free-all: Free them all.
            stop-it: Stop it.

            We, the undersigned,
            ask for this.

            """)
        #expect(file.textHash == "9d4a9619a4b0738f778a11ea7aab8fb60c4dfa9350ef115581b34b348ce821cc")
        var changed = file
        changed.date = "2025-01-01"
        changed.addressees = []
        #expect(changed.textHash == file.textHash)
        changed.demands[1].text = "Stop it now."
        #expect(changed.textHash != file.textHash)
    }

    // MARK: - Front matter fences

    @Test func missingFrontMatter() {
        #expect(problems("# Title\n\nBody.\n") == [
            "1: no front matter: the file must start with a line '---', then the settings (slug, title, …), then a line '---' and the body",
        ])
    }

    @Test func unclosedFrontMatter() {
        #expect(problems("---\nslug: x\ntitle: y\n\nBody.\n") == [
            "1: the front matter is not closed: add a line '---' after the last setting, before the body",
        ])
    }

    @Test func emptyBody() {
        let contents = telegram.components(separatedBy: "\n").prefix(25).joined(separator: "\n") + "\n  \n\n"
        #expect(problems(contents) == [
            "26: the body is empty: write the statement's text in Markdown after the closing '---'",
        ])
    }

    // MARK: - Fields

    @Test func missingTitle() {
        #expect(problems(telegram(replacingLine: 3, with: "")) == [
            "1: missing 'title': add a line 'title: …' to the front matter to give the statement a title",
        ])
    }

    @Test func impossibleDate() {
        #expect(problems(telegram(replacingLine: 4, with: "date: 2018-02-30")) == [
            "4: date '2018-02-30' is not a real date: write it as YYYY-MM-DD, such as 2018-04-30",
        ])
    }

    @Test func slugMustMatchFileName() {
        #expect(problems(telegram, path: "statements/russia-telegram.md") == [
            "2: slug 'russia-telegram-2018' does not match the file name 'russia-telegram.md': rename the file to russia-telegram-2018.md or change the slug",
        ])
    }

    @Test func slugMustBeKebabCase() {
        #expect(problems(telegram(replacingLine: 2, with: "slug: Russia_Telegram"), path: "statements/Russia_Telegram.md") == [
            "2: slug 'Russia_Telegram' is not kebab-case: use lowercase letters, digits and single hyphens, such as 'russia-telegram-2018'",
        ])
    }

    @Test func unknownKey() {
        #expect(problems(telegram(replacingLine: 7, with: "grouping: none")) == [
            "7: unknown key 'grouping'; the allowed keys are: slug, title, date, language, issuer, group-by, deadline, addressees, demands",
        ])
    }

    @Test func duplicateKey() {
        #expect(problems(telegram(replacingLine: 5, with: "language: en", "title: Again")) == [
            "6: key 'title' appears more than once (first at line 3): keep one",
        ])
    }

    @Test func duplicateKeyInsideAnAddressee() {
        #expect(problems(telegram(replacingLine: 11, with: "    kind: state", "    name: Again")) == [
            "12: key 'name' appears more than once (first at line 10): keep one",
        ])
    }

    @Test func anchorIsRefused() {
        #expect(problems(telegram(replacingLine: 6, with: "issuer: &who ARTICLE 19")) == [
            "6: anchor '&who' is not allowed in front matter: write the value out in full where it is used",
        ])
    }

    @Test func aliasIsRefused() {
        let contents = telegram(replacingLine: 10, with: "    name: &authorities Russian authorities")
            .replacingOccurrences(of: "name: Internet companies", with: "name: *authorities")
        #expect(problems(contents) == [
            "10: anchor '&authorities' is not allowed in front matter: write the value out in full where it is used",
            "16: alias '*authorities' is not allowed in front matter: write the value out in full instead",
        ])
    }

    @Test func undefinedAliasIsRefused() {
        #expect(problems(telegram(replacingLine: 6, with: "issuer: *who")) == [
            "6: an alias ('*name') is not allowed in front matter: write the value out in full instead",
        ])
    }

    @Test func tabIndentation() {
        #expect(problems(telegram(replacingLine: 10, with: "\tname: Russian authorities")) == [
            "10: a tab is used for indentation: indent the front matter with spaces only",
        ])
    }

    @Test func nonStringKeys() {
        #expect(problems(telegram(replacingLine: 7, with: "? [a]", ": b", "1: x")) == [
            "7: a key must be a plain name, not a list or mapping; the allowed keys are: slug, title, date, language, issuer, group-by, deadline, addressees, demands",
            "9: unknown key '1'; the allowed keys are: slug, title, date, language, issuer, group-by, deadline, addressees, demands",
        ])
    }

    @Test func listWhereTextBelongs() {
        #expect(problems(telegram(replacingLine: 3, with: "title:", "  - one", "  - two")) == [
            "3: 'title' must be text, not a list",
        ])
    }

    @Test func numberIsTakenAsText() throws {
        let file = try StatementFileParser.parse(contents: telegram(replacingLine: 3, with: "title: 2018"), path: telegramPath)
        #expect(file.title == "2018")
    }

    @Test func unknownAddresseeInADemand() {
        #expect(problems(telegram(replacingLine: 20, with: "    to: rusia")) == [
            "20: demand 'repeal-vpn-ban' names unknown addressee 'rusia'; the addressees are: russia, intl, companies",
        ])
    }

    @Test func duplicateDemandKey() {
        #expect(problems(telegram(replacingLine: 22, with: "  - key: repeal-vpn-ban")) == [
            "22: demand key 'repeal-vpn-ban' is used twice (first at line 19): give each demand its own key",
        ])
    }

    @Test func invalidYAMLHasALineAndNoDump() {
        #expect(problems(telegram(replacingLine: 3, with: "title: Russia: Telegram")) == [
            "3: the front matter is not valid YAML: mapping values are not allowed in this context; put text that contains ': ' in quotes",
        ])
    }

    @Test func reportsSeveralProblemsInLineOrder() {
        var contents = telegram(replacingLine: 24, with: "    text: \"\"")
        contents = contents.replacingOccurrences(of: "language: en", with: "language: english")
        contents = contents.replacingOccurrences(of: "kind: company", with: "kind: firm")
        contents = contents.replacingOccurrences(of: "date: 2018-04-30", with: "date: 30.04.2018")
        contents = contents.replacingOccurrences(of: "The body, in Markdown.", with: "")
        #expect(problems(contents) == [
            "4: date '30.04.2018' is not a real date: write it as YYYY-MM-DD, such as 2018-04-30",
            "5: language 'english' is not a BCP 47 tag: use a tag such as en, ru, pt-BR or zh-Hans",
            "17: addressee 'companies' has kind 'firm', which is not one of: state, intergovernmental, company, other",
            "24: 'text' is empty: give the text of demand 'unblock-telegram'",
            "26: the body is empty: write the statement's text in Markdown after the closing '---'",
        ])
    }

    // MARK: - Loading

    @Test func loadReportsUnreadableAndNonUTF8Files() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jointly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let missing = directory.appendingPathComponent("missing.md").path
        #expect {
            try StatementFileParser.load(path: missing)
        } throws: { error in
            guard case JointlyError.io(let path, _)? = error as? JointlyError else { return false }
            return path == missing
        }

        let latin1 = directory.appendingPathComponent("latin1.md")
        try Data("---\nslug: latin1\ntitle: caf".utf8 + [0xE9] + Data("\n---\nBody\n".utf8)).write(to: latin1)
        #expect(throws: JointlyError.invalidFile([Diagnostic(
            path: latin1.path, line: 3, message: "the file is not valid UTF-8: save it as UTF-8 in your editor")])) {
            try StatementFileParser.load(path: latin1.path)
        }

        let good = directory.appendingPathComponent("russia-telegram-2018.md")
        try Data(telegram.utf8).write(to: good)
        #expect(try StatementFileParser.load(path: good.path).slug == "russia-telegram-2018")
    }
}

@Suite("Statement file shapes")
struct StatementFileShapeTests {
    @Test(arguments: ["en", "ru", "pt-BR", "zh-Hans", "zh-Hant-TW", "es-419", "de-CH-1996"])
    func acceptsLanguageTags(_ tag: String) {
        #expect(StatementFileChecker.isLanguageTag(tag))
    }

    @Test(arguments: ["", "english", "e", "en_US", "en-", "pt-BRA", "zh-Hans-"])
    func refusesOtherLanguageTags(_ tag: String) {
        #expect(!StatementFileChecker.isLanguageTag(tag))
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1999-12-31"])
    func acceptsRealDates(_ date: String) {
        #expect(Day.isValid(date))
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2018-04-31", "2018-13-01", "2018-4-30", "20180430", "2018-04-30 ", "0000-01-01",
        "2018-00-10", "2018-04-00", "+018-04-30", "2018\u{2013}04\u{2013}30", "\u{0662}\u{0660}\u{0661}\u{0668}-04-30", "2018-04-3\u{0660}",
    ])
    func refusesOtherDates(_ date: String) {
        #expect(!Day.isValid(date))
    }

    @Test func translationNeedsALanguageInItsFileName() {
        let contents = """
            ---
            translation-of: x
            translates-version: 1
            title: T
            language: ru
            demands:
              - key: d
                text: D.
            ---
            Body.
            """
        #expect(throws: JointlyError.invalidFile([Diagnostic(
            path: "x.md", line: 2,
            message: "a translation's file name must be SLUG.LANG.md, such as x.ru.md; 'x.md' is not")])) {
            try StatementFileParser.parse(contents: contents, path: "x.md")
        }
    }

    @Test func nullTitleIsEmpty() {
        let contents = """
            ---
            translation-of: x
            translates-version: 1
            title: ~
            language: ru
            demands:
              - key: d
                text: D.
            ---
            Body.
            """
        #expect(throws: JointlyError.invalidFile([Diagnostic(
            path: "x.ru.md", line: 4, message: "'title' is empty: give the statement a title")])) {
            try StatementFileParser.parse(contents: contents, path: "x.ru.md")
        }
    }
}
