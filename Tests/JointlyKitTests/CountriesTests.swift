import Testing

@testable import JointlyKit

@Suite struct CountriesTests {
    @Test func hasEveryAssignedCodeOnce() {
        let codes = Countries.allCodes
        #expect(codes.count == 249)
        #expect(Set(codes).count == 249)
        #expect(codes == codes.sorted())
        #expect(codes.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
    }

    @Test func noTwoCountriesShareAName() {
        #expect(Countries.conflictingKeys.isEmpty)
    }

    @Test func everyNameFindsItsOwnCode() {
        for entry in Countries.entries {
            for name in [entry.name] + entry.otherNames {
                #expect(Countries.code(for: name) == entry.code, "\(name)")
            }
        }
    }

    @Test func namesCodes() {
        #expect(Countries.name(ofCode: "DE") == "Germany")
        #expect(Countries.name(ofCode: "ru") == "Russia")
        #expect(Countries.name(ofCode: "US") == "United States")
        #expect(Countries.name(ofCode: "GB") == "United Kingdom")
        #expect(Countries.name(ofCode: "UK") == nil)
        #expect(Countries.name(ofCode: "XX") == nil)
        #expect(Countries.name(ofCode: "") == nil)
    }

    @Test(arguments: [
        ("gb", "GB"), ("GB", "GB"), (" de ", "DE"), ("Us", "US"),
        ("Germany", "DE"), ("germany", "DE"), ("GERMANY", "DE"),
        ("Russia", "RU"), ("Russian Federation", "RU"),
        ("United States", "US"), ("United States of America", "US"), ("USA", "US"), ("U.S.A.", "US"),
        ("United Kingdom", "GB"), ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("UK", "GB"), ("uk", "GB"), ("Great Britain", "GB"),
        ("Korea, Republic of", "KR"), ("Korea (Republic of)", "KR"), ("South Korea", "KR"),
        ("Korea, Democratic People's Republic of", "KP"), ("North Korea", "KP"),
        ("Côte d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("cote divoire", "CI"), ("COTE D IVOIRE", "CI"),
        ("Ivory Coast", "CI"),
        ("Türkiye", "TR"), ("Turkiye", "TR"), ("Turkey", "TR"),
        ("Czech Republic", "CZ"), ("Czechia", "CZ"),
        ("Bosnia and Herzegovina", "BA"), ("Bosnia & Herzegovina", "BA"),
        ("Saint Vincent and the Grenadines", "VC"), ("St Vincent & the Grenadines", "VC"),
        ("St. Lucia", "LC"), ("Saint Lucia", "LC"),
        ("The Gambia", "GM"), ("Gambia (the)", "GM"), ("Netherlands (the)", "NL"), ("The Netherlands", "NL"),
        ("Republic of the Congo", "CG"), ("Democratic Republic of the Congo", "CD"), ("DRC", "CD"),
        ("Congo (the Democratic Republic of the)", "CD"),
        ("Guinea-Bissau", "GW"), ("Guinea Bissau", "GW"), ("Guinea", "GN"), ("Equatorial Guinea", "GQ"),
        ("Niger", "NE"), ("Nigeria", "NG"),
        ("Åland Islands", "AX"), ("Aland Islands", "AX"), ("Réunion", "RE"), ("Curacao", "CW"),
        ("São Tomé and Príncipe", "ST"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
        ("Burma", "MM"), ("Swaziland", "SZ"), ("Holy See", "VA"), ("Hong Kong", "HK"),
    ])
    func findsCodes(input: String, code: String) {
        #expect(Countries.code(for: input) == code)
    }

    @Test(arguments: ["", " ", "XX", "zz", "Atlantis", "Korea", "Congo", "Europe", "EU", "the", "--", "Germany2"])
    func findsNoCodeForUnknownInput(input: String) {
        #expect(Countries.code(for: input) == nil)
    }

    /// "Congo" is ISO's name for Brazzaville, but many who write it mean Kinshasa: no guess.
    @Test func aNameOfTwoCountriesNamesBoth() throws {
        #expect(Countries.meanings(of: "the Congo") == ["CD", "CG"])
        #expect(Countries.meanings(of: "KOREA") == ["KP", "KR"])
        #expect(Countries.meanings(of: "Germany") == nil)
        #expect(throws: JointlyError.invalidValue(
            field: "country", value: "Congo",
            reason: "could be CD (Congo - Kinshasa) or CG (Congo - Brazzaville); give the code of the one meant")) {
            try OrganisationMatching.countryCode("Congo")
        }
    }
}
