import Testing
@testable import JointlyKit

@Suite struct NamesTests {
    @Test func spellingsOfOneOrganisationShareANormalisedName() {
        let key = Names.normalized("Human Rights Watch")
        #expect(key == "human rights watch")
        #expect(Names.normalized("human  rights watch") == key)
        #expect(Names.normalized("Human Rights Watch.") == key)
        #expect(Names.normalized("  HUMAN RIGHTS—WATCH ") == key)
        #expect(Names.normalized("Ｈｕｍａｎ Ｒｉｇｈｔｓ Ｗａｔｃｈ") == key)
    }

    @Test func diacriticsAreRemovedFromLatinLettersOnly() {
        #expect(Names.normalized("Reporters sans frontières") == "reporters sans frontieres")
        #expect(Names.normalized("Łódź Straße") == "lodz strasse")
        #expect(Names.normalized("Мой") != Names.normalized("Мои"))
        #expect(Names.normalized("Мой") == "мой")
        #expect(Names.normalized("Ёлка") != Names.normalized("Елка"))
    }

    @Test func punctuationAndSymbolsBecomeSpaces() {
        #expect(Names.normalized("AT&T") == "at t")
        #expect(Names.normalized("Côte d'Ivoire") == "cote d ivoire")
        #expect(Names.normalized("+972 Magazine") == "972 magazine")
    }

    /// A `+` or `#` after a letter or digit makes another name; before one it is punctuation.
    @Test func aPlusOrHashAfterALetterIsPartOfTheName() {
        #expect(Names.normalized("C++ Users Group") == "c++ users group")
        #expect(Names.normalized("C++ Users Group") != Names.normalized("C Users Group"))
        #expect(Names.normalized("LGBT+ Network") != Names.normalized("LGBT Network"))
        #expect(Names.normalized("C# Club") != Names.normalized("C Club"))
        #expect(Names.normalized("Ｃ＋＋ Users Group") == Names.normalized("c++ users group."))
        #expect(Names.normalized("ЛГБТ+ Сеть") == "лгбт+ сеть")
        #expect(Names.normalized("NGO #1") == Names.normalized("NGO 1"))
        #expect(Names.normalized("C ++") == "c")
        #expect(Names.problem(with: "++") != nil && Names.problem(with: "#") != nil)
        // Near-duplicate suggestions still bring them together for a person to look at.
        #expect(NearDuplicateKey.key(normalized: Names.normalized("C++ Users Group"))
                == NearDuplicateKey.key(normalized: Names.normalized("C Users Group")))
    }

    @Test func zeroWidthJoinersDoNotSplitAName() {
        #expect(Names.normalized("क्‍ष") == Names.normalized("क्ष"))
    }

    @Test func namesAreTidiedButOtherwiseKeptAsTyped() {
        #expect(Names.tidy("  Team\n29 \t") == "Team 29")
        #expect(Names.tidy("ОВД-Инфо") == "ОВД-Инфо")
    }

    /// Invisible characters pasted from a web page were stored and published, so two names
    /// that look alike differed.
    @Test func invisibleCharactersAreNotKeptInAName() {
        #expect(Names.tidy("Digital\u{200B}Freedom Fund") == "DigitalFreedom Fund")
        #expect(Names.tidy("Soft\u{00AD}Hyphen Org") == "SoftHyphen Org")
        #expect(Names.tidy("\u{FEFF}Team 29\u{2060}") == "Team 29")
        #expect(Names.tidy("Privacy \u{200B}International") == "Privacy International")
        // A name an older Jointly stored with one still matches the name typed now.
        for stored in ["Digital\u{200B}Freedom Fund", "Soft\u{00AD}Hyphen Org", "Team\u{2060} 29"] {
            #expect(Names.normalized(stored) == Names.normalized(Names.tidy(stored)), "\(stored)")
        }
        // ZWNJ is part of how some scripts are written, ZWJ of some emoji: they stay.
        #expect(Names.tidy("می\u{200C}خواهم") == "می\u{200C}خواهم")
        #expect(!Names.isTidy("a\u{200B}b") && Names.isTidy("a\u{200C}b"))
    }

    /// A form's columns in the wrong order put the contact's address where the name goes.
    @Test func anEmailAddressIsNotAPublishedName() {
        #expect(Names.publishedProblem(with: "jane.doe@gmail.com")?.hasPrefix("looks like an e-mail address") == true)
        #expect(Names.publishedProblem(with: "info@ovd.info") != nil)
        for name in ["Rights@Work", "@Team29", "Team 29 (info@team29.org)", "a@b.", "Human Rights Watch"] {
            #expect(Names.publishedProblem(with: name) == nil, "\(name)")
        }
        #expect(Names.problem(with: "jane.doe@gmail.com") == nil)
    }

    @Test func namesThatCannotBeANameAreRefused() {
        #expect(Names.problem(with: "") != nil)
        #expect(Names.problem(with: "a\u{0007}b") != nil)
        #expect(Names.problem(with: "abc\u{202E}cba") != nil)
        #expect(Names.problem(with: "...") != nil)
        #expect(Names.problem(with: String(repeating: "a", count: Names.maximumLength + 1)) != nil)
        #expect(Names.problem(with: "*Bold* [x](javascript:alert(1)) <script>") == nil)
        #expect(Names.problem(with: "مرصد\u{200D}") == nil)
    }
}

@Suite struct CollationTests {
    @Test func accentedLatinNamesSortWithTheirBaseLetters() {
        let names = ["Zeta", "Éclair", "eagle", "Ébène", "Apple", "Ørsted"]
        let sorted = Collation(language: "en").sorted(names, by: { $0 })
        #expect(sorted == ["Apple", "eagle", "Ébène", "Éclair", "Ørsted", "Zeta"])
    }

    @Test func cyrillicSortsAlphabeticallyWithЁBesideЕ() {
        let names = ["Яблоко", "Ёж", "Еда", "Ель", "Агора", "Жук"]
        let sorted = Collation(language: "ru").sorted(names, by: { $0 })
        #expect(sorted == ["Агора", "Еда", "Ёж", "Ель", "Жук", "Яблоко"])
    }

    @Test func thePageLanguageDecidesWhichScriptComesFirst() {
        let names = ["Roskomsvoboda", "Агора", "Memorial"]
        #expect(Collation(language: "en").sorted(names, by: { $0 }) == ["Memorial", "Roskomsvoboda", "Агора"])
        #expect(Collation(language: "ru").sorted(names, by: { $0 }) == ["Агора", "Memorial", "Roskomsvoboda"])
    }

    @Test func caseAndPunctuationOnlyBreakTies() {
        let sorted = Collation(language: "en").sorted(["article 19", "ARTICLE 19", "Article 18", "Access Now"], by: { $0 })
        #expect(sorted == ["Access Now", "Article 18", "article 19", "ARTICLE 19"])
    }

    @Test func aShorterNameSortsBeforeItsLongerForm() {
        let sorted = Collation(language: "en").sorted(["Amnesty International", "Amnesty"], by: { $0 })
        #expect(sorted == ["Amnesty", "Amnesty International"])
    }
}
