import Foundation

/// ISO 3166-1 alpha-2 country codes, their English names, and lookup by code or name.
///
/// Names are CLDR's English short names ("Russia", "United States"); lookup also takes
/// ISO's official English names ("Russian Federation", "Korea, Republic of") and common
/// aliases ("UK", "USA", "Ivory Coast"), ignoring case, diacritics, punctuation,
/// spaces and the word "the", with `&` read as "and" and "St" as "Saint".
public enum Countries {
    /// The name to show for `code` (any case), or `nil` if no country has that code.
    public static func name(ofCode code: String) -> String? {
        byCode[code.uppercased()]?.name
    }

    /// The alpha-2 code for a code in any case or an English name or alias, or `nil`.
    public static func code(for input: String) -> String? {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let upper = trimmed.uppercased()
        if upper.utf8.count == 2, byCode[upper] != nil { return upper }
        let key = matchKey(trimmed)
        guard !key.isEmpty else { return nil }
        return byName[key]
    }

    /// The countries a name people use for more than one means ("Congo": CD or CG, "Korea":
    /// KP or KR), or nil. Such a name is no country's: ISO calls Brazzaville "Congo", but
    /// many who write it mean Kinshasa, and a guess would publish the wrong country.
    public static func meanings(of input: String) -> [String]? {
        ambiguous[matchKey(input)]
    }

    private static let ambiguous: [String: [String]] = ["congo": ["CD", "CG"], "korea": ["KP", "KR"]]

    /// Every assigned code, in alphabetical order.
    public static var allCodes: [String] {
        entries.map(\.code)
    }

    /// The form in which names are compared: folded case and diacritics, `&` as "and",
    /// "st" as "saint", without "the", punctuation or spaces.
    static func matchKey(_ name: String) -> String {
        let folded = name
            .replacingOccurrences(of: "&", with: " and ")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        let words = folded
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { $0 != "the" }
            .map { $0 == "st" ? "saint" : $0 }
        return words.joined()
    }

    struct Entry: Sendable {
        let code: String
        let name: String
        /// ISO's English short name and common names; looked up, never shown.
        let otherNames: [String]
    }

    private static let byCode: [String: Entry] = Dictionary(
        entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    private static let byName: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries {
            for name in [entry.name] + entry.otherNames {
                // First entry wins; a test checks that no two countries share a key.
                let key = matchKey(name)
                if map[key] == nil { map[key] = entry.code }
            }
        }
        return map
    }()

    /// Every match key claimed by more than one code; empty when the data is right.
    static var conflictingKeys: [String: Set<String>] {
        var claims: [String: Set<String>] = [:]
        for entry in entries {
            for name in [entry.name] + entry.otherNames {
                claims[matchKey(name), default: []].insert(entry.code)
            }
        }
        return claims.filter { $0.value.count > 1 }
    }

    // The 249 officially assigned codes of ISO 3166-1, with CLDR's English names first.
    static let entries: [Entry] = [
        Entry(code: "AD", name: "Andorra", otherNames: []),
        Entry(code: "AE", name: "United Arab Emirates", otherNames: ["UAE", "U.A.E."]),
        Entry(code: "AF", name: "Afghanistan", otherNames: []),
        Entry(code: "AG", name: "Antigua & Barbuda", otherNames: ["Antigua and Barbuda"]),
        Entry(code: "AI", name: "Anguilla", otherNames: []),
        Entry(code: "AL", name: "Albania", otherNames: []),
        Entry(code: "AM", name: "Armenia", otherNames: []),
        Entry(code: "AO", name: "Angola", otherNames: []),
        Entry(code: "AQ", name: "Antarctica", otherNames: []),
        Entry(code: "AR", name: "Argentina", otherNames: []),
        Entry(code: "AS", name: "American Samoa", otherNames: []),
        Entry(code: "AT", name: "Austria", otherNames: []),
        Entry(code: "AU", name: "Australia", otherNames: []),
        Entry(code: "AW", name: "Aruba", otherNames: []),
        Entry(code: "AX", name: "Åland Islands", otherNames: ["Åland"]),
        Entry(code: "AZ", name: "Azerbaijan", otherNames: []),
        Entry(code: "BA", name: "Bosnia & Herzegovina", otherNames: ["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia"]),
        Entry(code: "BB", name: "Barbados", otherNames: []),
        Entry(code: "BD", name: "Bangladesh", otherNames: []),
        Entry(code: "BE", name: "Belgium", otherNames: []),
        Entry(code: "BF", name: "Burkina Faso", otherNames: []),
        Entry(code: "BG", name: "Bulgaria", otherNames: []),
        Entry(code: "BH", name: "Bahrain", otherNames: []),
        Entry(code: "BI", name: "Burundi", otherNames: []),
        Entry(code: "BJ", name: "Benin", otherNames: []),
        Entry(code: "BL", name: "St. Barthélemy", otherNames: ["Saint Barthélemy", "St. Barts"]),
        Entry(code: "BM", name: "Bermuda", otherNames: []),
        Entry(code: "BN", name: "Brunei", otherNames: ["Brunei Darussalam"]),
        Entry(code: "BO", name: "Bolivia", otherNames: ["Bolivia, Plurinational State of", "Plurinational State of Bolivia"]),
        Entry(code: "BQ", name: "Caribbean Netherlands", otherNames: ["Bonaire, Sint Eustatius and Saba", "Bonaire"]),
        Entry(code: "BR", name: "Brazil", otherNames: []),
        Entry(code: "BS", name: "Bahamas", otherNames: []),
        Entry(code: "BT", name: "Bhutan", otherNames: []),
        Entry(code: "BV", name: "Bouvet Island", otherNames: []),
        Entry(code: "BW", name: "Botswana", otherNames: []),
        Entry(code: "BY", name: "Belarus", otherNames: []),
        Entry(code: "BZ", name: "Belize", otherNames: []),
        Entry(code: "CA", name: "Canada", otherNames: []),
        Entry(code: "CC", name: "Cocos (Keeling) Islands", otherNames: ["Cocos Islands", "Keeling Islands"]),
        Entry(code: "CD", name: "Congo - Kinshasa", otherNames: [
            "Congo, Democratic Republic of the", "Congo, The Democratic Republic of the",
            "Democratic Republic of the Congo", "DR Congo", "DRC",
        ]),
        Entry(code: "CF", name: "Central African Republic", otherNames: []),
        Entry(code: "CG", name: "Congo - Brazzaville", otherNames: ["Republic of the Congo", "Congo Republic"]),
        Entry(code: "CH", name: "Switzerland", otherNames: []),
        Entry(code: "CI", name: "Côte d’Ivoire", otherNames: ["Côte d'Ivoire", "Ivory Coast"]),
        Entry(code: "CK", name: "Cook Islands", otherNames: []),
        Entry(code: "CL", name: "Chile", otherNames: []),
        Entry(code: "CM", name: "Cameroon", otherNames: []),
        Entry(code: "CN", name: "China", otherNames: ["People's Republic of China"]),
        Entry(code: "CO", name: "Colombia", otherNames: []),
        Entry(code: "CR", name: "Costa Rica", otherNames: []),
        Entry(code: "CU", name: "Cuba", otherNames: []),
        Entry(code: "CV", name: "Cape Verde", otherNames: ["Cabo Verde"]),
        Entry(code: "CW", name: "Curaçao", otherNames: []),
        Entry(code: "CX", name: "Christmas Island", otherNames: []),
        Entry(code: "CY", name: "Cyprus", otherNames: []),
        Entry(code: "CZ", name: "Czechia", otherNames: ["Czech Republic"]),
        Entry(code: "DE", name: "Germany", otherNames: []),
        Entry(code: "DJ", name: "Djibouti", otherNames: []),
        Entry(code: "DK", name: "Denmark", otherNames: []),
        Entry(code: "DM", name: "Dominica", otherNames: []),
        Entry(code: "DO", name: "Dominican Republic", otherNames: []),
        Entry(code: "DZ", name: "Algeria", otherNames: []),
        Entry(code: "EC", name: "Ecuador", otherNames: []),
        Entry(code: "EE", name: "Estonia", otherNames: []),
        Entry(code: "EG", name: "Egypt", otherNames: []),
        Entry(code: "EH", name: "Western Sahara", otherNames: []),
        Entry(code: "ER", name: "Eritrea", otherNames: []),
        Entry(code: "ES", name: "Spain", otherNames: []),
        Entry(code: "ET", name: "Ethiopia", otherNames: []),
        Entry(code: "FI", name: "Finland", otherNames: []),
        Entry(code: "FJ", name: "Fiji", otherNames: []),
        Entry(code: "FK", name: "Falkland Islands", otherNames: ["Falkland Islands (Malvinas)"]),
        Entry(code: "FM", name: "Micronesia", otherNames: ["Micronesia, Federated States of", "Federated States of Micronesia"]),
        Entry(code: "FO", name: "Faroe Islands", otherNames: ["Faroes"]),
        Entry(code: "FR", name: "France", otherNames: []),
        Entry(code: "GA", name: "Gabon", otherNames: []),
        Entry(code: "GB", name: "United Kingdom", otherNames: [
            "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Great Britain", "Britain",
            "England", "Scotland", "Wales", "Northern Ireland",
        ]),
        Entry(code: "GD", name: "Grenada", otherNames: []),
        Entry(code: "GE", name: "Georgia", otherNames: []),
        Entry(code: "GF", name: "French Guiana", otherNames: []),
        Entry(code: "GG", name: "Guernsey", otherNames: []),
        Entry(code: "GH", name: "Ghana", otherNames: []),
        Entry(code: "GI", name: "Gibraltar", otherNames: []),
        Entry(code: "GL", name: "Greenland", otherNames: []),
        Entry(code: "GM", name: "Gambia", otherNames: []),
        Entry(code: "GN", name: "Guinea", otherNames: []),
        Entry(code: "GP", name: "Guadeloupe", otherNames: []),
        Entry(code: "GQ", name: "Equatorial Guinea", otherNames: []),
        Entry(code: "GR", name: "Greece", otherNames: []),
        Entry(code: "GS", name: "South Georgia & South Sandwich Islands", otherNames: [
            "South Georgia and the South Sandwich Islands",
        ]),
        Entry(code: "GT", name: "Guatemala", otherNames: []),
        Entry(code: "GU", name: "Guam", otherNames: []),
        Entry(code: "GW", name: "Guinea-Bissau", otherNames: []),
        Entry(code: "GY", name: "Guyana", otherNames: []),
        Entry(code: "HK", name: "Hong Kong SAR China", otherNames: ["Hong Kong"]),
        Entry(code: "HM", name: "Heard & McDonald Islands", otherNames: ["Heard Island and McDonald Islands"]),
        Entry(code: "HN", name: "Honduras", otherNames: []),
        Entry(code: "HR", name: "Croatia", otherNames: []),
        Entry(code: "HT", name: "Haiti", otherNames: []),
        Entry(code: "HU", name: "Hungary", otherNames: []),
        Entry(code: "ID", name: "Indonesia", otherNames: []),
        Entry(code: "IE", name: "Ireland", otherNames: []),
        Entry(code: "IL", name: "Israel", otherNames: []),
        Entry(code: "IM", name: "Isle of Man", otherNames: []),
        Entry(code: "IN", name: "India", otherNames: []),
        Entry(code: "IO", name: "British Indian Ocean Territory", otherNames: []),
        Entry(code: "IQ", name: "Iraq", otherNames: []),
        Entry(code: "IR", name: "Iran", otherNames: ["Iran, Islamic Republic of", "Islamic Republic of Iran"]),
        Entry(code: "IS", name: "Iceland", otherNames: []),
        Entry(code: "IT", name: "Italy", otherNames: []),
        Entry(code: "JE", name: "Jersey", otherNames: []),
        Entry(code: "JM", name: "Jamaica", otherNames: []),
        Entry(code: "JO", name: "Jordan", otherNames: []),
        Entry(code: "JP", name: "Japan", otherNames: []),
        Entry(code: "KE", name: "Kenya", otherNames: []),
        Entry(code: "KG", name: "Kyrgyzstan", otherNames: ["Kyrgyz Republic"]),
        Entry(code: "KH", name: "Cambodia", otherNames: []),
        Entry(code: "KI", name: "Kiribati", otherNames: []),
        Entry(code: "KM", name: "Comoros", otherNames: []),
        Entry(code: "KN", name: "St. Kitts & Nevis", otherNames: ["Saint Kitts and Nevis"]),
        Entry(code: "KP", name: "North Korea", otherNames: [
            "Korea, Democratic People's Republic of", "Democratic People's Republic of Korea", "DPRK",
        ]),
        Entry(code: "KR", name: "South Korea", otherNames: ["Korea, Republic of", "Republic of Korea"]),
        Entry(code: "KW", name: "Kuwait", otherNames: []),
        Entry(code: "KY", name: "Cayman Islands", otherNames: []),
        Entry(code: "KZ", name: "Kazakhstan", otherNames: []),
        Entry(code: "LA", name: "Laos", otherNames: ["Lao People's Democratic Republic", "Lao PDR"]),
        Entry(code: "LB", name: "Lebanon", otherNames: []),
        Entry(code: "LC", name: "St. Lucia", otherNames: ["Saint Lucia"]),
        Entry(code: "LI", name: "Liechtenstein", otherNames: []),
        Entry(code: "LK", name: "Sri Lanka", otherNames: []),
        Entry(code: "LR", name: "Liberia", otherNames: []),
        Entry(code: "LS", name: "Lesotho", otherNames: []),
        Entry(code: "LT", name: "Lithuania", otherNames: []),
        Entry(code: "LU", name: "Luxembourg", otherNames: []),
        Entry(code: "LV", name: "Latvia", otherNames: []),
        Entry(code: "LY", name: "Libya", otherNames: []),
        Entry(code: "MA", name: "Morocco", otherNames: []),
        Entry(code: "MC", name: "Monaco", otherNames: []),
        Entry(code: "MD", name: "Moldova", otherNames: ["Moldova, Republic of", "Republic of Moldova"]),
        Entry(code: "ME", name: "Montenegro", otherNames: []),
        Entry(code: "MF", name: "St. Martin", otherNames: ["Saint Martin (French part)", "Saint Martin"]),
        Entry(code: "MG", name: "Madagascar", otherNames: []),
        Entry(code: "MH", name: "Marshall Islands", otherNames: []),
        Entry(code: "MK", name: "North Macedonia", otherNames: ["Republic of North Macedonia", "Macedonia"]),
        Entry(code: "ML", name: "Mali", otherNames: []),
        Entry(code: "MM", name: "Myanmar (Burma)", otherNames: ["Myanmar", "Burma"]),
        Entry(code: "MN", name: "Mongolia", otherNames: []),
        Entry(code: "MO", name: "Macao SAR China", otherNames: ["Macao", "Macau"]),
        Entry(code: "MP", name: "Northern Mariana Islands", otherNames: []),
        Entry(code: "MQ", name: "Martinique", otherNames: []),
        Entry(code: "MR", name: "Mauritania", otherNames: []),
        Entry(code: "MS", name: "Montserrat", otherNames: []),
        Entry(code: "MT", name: "Malta", otherNames: []),
        Entry(code: "MU", name: "Mauritius", otherNames: []),
        Entry(code: "MV", name: "Maldives", otherNames: []),
        Entry(code: "MW", name: "Malawi", otherNames: []),
        Entry(code: "MX", name: "Mexico", otherNames: []),
        Entry(code: "MY", name: "Malaysia", otherNames: []),
        Entry(code: "MZ", name: "Mozambique", otherNames: []),
        Entry(code: "NA", name: "Namibia", otherNames: []),
        Entry(code: "NC", name: "New Caledonia", otherNames: []),
        Entry(code: "NE", name: "Niger", otherNames: []),
        Entry(code: "NF", name: "Norfolk Island", otherNames: []),
        Entry(code: "NG", name: "Nigeria", otherNames: []),
        Entry(code: "NI", name: "Nicaragua", otherNames: []),
        Entry(code: "NL", name: "Netherlands", otherNames: ["Netherlands, Kingdom of the", "Kingdom of the Netherlands", "Holland"]),
        Entry(code: "NO", name: "Norway", otherNames: []),
        Entry(code: "NP", name: "Nepal", otherNames: []),
        Entry(code: "NR", name: "Nauru", otherNames: []),
        Entry(code: "NU", name: "Niue", otherNames: []),
        Entry(code: "NZ", name: "New Zealand", otherNames: []),
        Entry(code: "OM", name: "Oman", otherNames: []),
        Entry(code: "PA", name: "Panama", otherNames: []),
        Entry(code: "PE", name: "Peru", otherNames: []),
        Entry(code: "PF", name: "French Polynesia", otherNames: []),
        Entry(code: "PG", name: "Papua New Guinea", otherNames: []),
        Entry(code: "PH", name: "Philippines", otherNames: []),
        Entry(code: "PK", name: "Pakistan", otherNames: []),
        Entry(code: "PL", name: "Poland", otherNames: []),
        Entry(code: "PM", name: "St. Pierre & Miquelon", otherNames: ["Saint Pierre and Miquelon"]),
        Entry(code: "PN", name: "Pitcairn Islands", otherNames: ["Pitcairn"]),
        Entry(code: "PR", name: "Puerto Rico", otherNames: []),
        Entry(code: "PS", name: "Palestinian Territories", otherNames: ["Palestine, State of", "State of Palestine", "Palestine"]),
        Entry(code: "PT", name: "Portugal", otherNames: []),
        Entry(code: "PW", name: "Palau", otherNames: []),
        Entry(code: "PY", name: "Paraguay", otherNames: []),
        Entry(code: "QA", name: "Qatar", otherNames: []),
        Entry(code: "RE", name: "Réunion", otherNames: []),
        Entry(code: "RO", name: "Romania", otherNames: []),
        Entry(code: "RS", name: "Serbia", otherNames: []),
        Entry(code: "RU", name: "Russia", otherNames: ["Russian Federation"]),
        Entry(code: "RW", name: "Rwanda", otherNames: []),
        Entry(code: "SA", name: "Saudi Arabia", otherNames: []),
        Entry(code: "SB", name: "Solomon Islands", otherNames: []),
        Entry(code: "SC", name: "Seychelles", otherNames: []),
        Entry(code: "SD", name: "Sudan", otherNames: []),
        Entry(code: "SE", name: "Sweden", otherNames: []),
        Entry(code: "SG", name: "Singapore", otherNames: []),
        Entry(code: "SH", name: "St. Helena", otherNames: ["Saint Helena, Ascension and Tristan da Cunha", "Saint Helena"]),
        Entry(code: "SI", name: "Slovenia", otherNames: []),
        Entry(code: "SJ", name: "Svalbard & Jan Mayen", otherNames: ["Svalbard and Jan Mayen"]),
        Entry(code: "SK", name: "Slovakia", otherNames: ["Slovak Republic"]),
        Entry(code: "SL", name: "Sierra Leone", otherNames: []),
        Entry(code: "SM", name: "San Marino", otherNames: []),
        Entry(code: "SN", name: "Senegal", otherNames: []),
        Entry(code: "SO", name: "Somalia", otherNames: []),
        Entry(code: "SR", name: "Suriname", otherNames: []),
        Entry(code: "SS", name: "South Sudan", otherNames: []),
        Entry(code: "ST", name: "São Tomé & Príncipe", otherNames: ["Sao Tome and Principe"]),
        Entry(code: "SV", name: "El Salvador", otherNames: []),
        Entry(code: "SX", name: "Sint Maarten", otherNames: ["Sint Maarten (Dutch part)"]),
        Entry(code: "SY", name: "Syria", otherNames: ["Syrian Arab Republic"]),
        Entry(code: "SZ", name: "Eswatini", otherNames: ["Swaziland"]),
        Entry(code: "TC", name: "Turks & Caicos Islands", otherNames: ["Turks and Caicos Islands"]),
        Entry(code: "TD", name: "Chad", otherNames: []),
        Entry(code: "TF", name: "French Southern Territories", otherNames: []),
        Entry(code: "TG", name: "Togo", otherNames: []),
        Entry(code: "TH", name: "Thailand", otherNames: []),
        Entry(code: "TJ", name: "Tajikistan", otherNames: []),
        Entry(code: "TK", name: "Tokelau", otherNames: []),
        Entry(code: "TL", name: "Timor-Leste", otherNames: ["East Timor"]),
        Entry(code: "TM", name: "Turkmenistan", otherNames: []),
        Entry(code: "TN", name: "Tunisia", otherNames: []),
        Entry(code: "TO", name: "Tonga", otherNames: []),
        Entry(code: "TR", name: "Türkiye", otherNames: ["Turkey"]),
        Entry(code: "TT", name: "Trinidad & Tobago", otherNames: ["Trinidad and Tobago"]),
        Entry(code: "TV", name: "Tuvalu", otherNames: []),
        Entry(code: "TW", name: "Taiwan", otherNames: ["Taiwan, Province of China"]),
        Entry(code: "TZ", name: "Tanzania", otherNames: ["Tanzania, United Republic of", "United Republic of Tanzania"]),
        Entry(code: "UA", name: "Ukraine", otherNames: []),
        Entry(code: "UG", name: "Uganda", otherNames: []),
        Entry(code: "UM", name: "U.S. Outlying Islands", otherNames: ["United States Minor Outlying Islands"]),
        Entry(code: "US", name: "United States", otherNames: [
            "United States of America", "USA", "U.S.A.", "U.S.", "America",
        ]),
        Entry(code: "UY", name: "Uruguay", otherNames: []),
        Entry(code: "UZ", name: "Uzbekistan", otherNames: []),
        Entry(code: "VA", name: "Vatican City", otherNames: ["Holy See", "Vatican"]),
        Entry(code: "VC", name: "St. Vincent & Grenadines", otherNames: ["Saint Vincent and the Grenadines"]),
        Entry(code: "VE", name: "Venezuela", otherNames: ["Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"]),
        Entry(code: "VG", name: "British Virgin Islands", otherNames: ["Virgin Islands, British", "Virgin Islands (British)"]),
        Entry(code: "VI", name: "U.S. Virgin Islands", otherNames: ["Virgin Islands, U.S.", "Virgin Islands (U.S.)"]),
        Entry(code: "VN", name: "Vietnam", otherNames: ["Viet Nam"]),
        Entry(code: "VU", name: "Vanuatu", otherNames: []),
        Entry(code: "WF", name: "Wallis & Futuna", otherNames: ["Wallis and Futuna"]),
        Entry(code: "WS", name: "Samoa", otherNames: []),
        Entry(code: "YE", name: "Yemen", otherNames: []),
        Entry(code: "YT", name: "Mayotte", otherNames: []),
        Entry(code: "ZA", name: "South Africa", otherNames: []),
        Entry(code: "ZM", name: "Zambia", otherNames: []),
        Entry(code: "ZW", name: "Zimbabwe", otherNames: []),
    ]
}
