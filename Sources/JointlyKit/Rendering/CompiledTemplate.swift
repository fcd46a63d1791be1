import Mustache

/// A Mustache template parsed by Jointly, for rendering long lists fast.
///
/// swift-mustache splits each tag name and casts every value through several protocols on
/// every lookup, so a list of 100,000 signatories spends seconds in lookups. This parser
/// reads the same templates the same way (it follows swift-mustache 2.1's parser step by
/// step, standalone lines and partial indentation included) into nodes whose names are
/// split once; `TemplateRendering` then renders them. Templates that use what Jointly's
/// view models never need (lambdas, transforms such as `{{uppercased(name)}}`,
/// inheritance, dynamic partials, content types other than HTML, TEXT and MARKDOWN) are
/// refused with `Unsupported`, and the `Renderer` renders those with swift-mustache.
struct CompiledTemplate: Sendable {
    /// A tag's name, split at its dots once.
    struct Name: Sendable, Equatable {
        /// `{{.}}`: the current value.
        var isSelf: Bool
        /// `{{.name}}`: looked up in the current value only, not in the enclosing ones.
        var anchored: Bool
        /// The dotted parts; empty for `{{.}}`.
        var path: [String]

        init(_ text: String) {
            isSelf = text == "."
            anchored = !isSelf && text.first == "."
            path = isSelf ? [] : text.split(separator: ".").map(String.init)
        }
    }

    /// How `{{value}}` is escaped from a `CONTENT_TYPE` pragma on.
    enum Escaping: Sendable {
        case html, markdown, text
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: [Node])
        /// A partial; `indentation` is set when its tag stands alone on its line.
        case partial(String, indentation: String?)
        case contentType(Escaping)
    }

    /// A template that uses what only swift-mustache renders.
    struct Unsupported: Error {}

    let nodes: [Node]

    /// Parses `text`; throws `Unsupported` for anything this parser leaves to swift-mustache.
    init(_ text: String) throws {
        var scanner = Scanner(text)
        nodes = try Self.parse(&scanner, state: State())
    }

    // MARK: - Parsing, after swift-mustache's `MustacheTemplate.parse`

    private struct State {
        var sectionName: String?
        var newLine = true
        var startDelimiter = "{{"
        var endDelimiter = "}}"

        func withSection(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            if !newLine { state.newLine = false }
            return state
        }
    }

    private static func parse(_ scanner: inout Scanner, state: State) throws -> [Node] {
        var nodes: [Node] = []
        var state = state
        var whiteSpaceBefore = ""
        func text(_ string: String) -> Node { .text(Array(string.utf8)) }

        while !scanner.reachedEnd {
            if state.newLine {
                whiteSpaceBefore = String(scanner.read(while: { $0 == " " || $0 == "\t" }))
            }
            let read = try readUntilDelimiterOrNewline(&scanner, state: state)
            if scanner.current.isNewline {
                nodes.append(text(whiteSpaceBefore + read + String(scanner.current)))
                state.newLine = true
                scanner.advance()
                continue
            }
            if !read.isEmpty {
                nodes.append(text(whiteSpaceBefore + read))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if scanner.reachedEnd { break }
            var setNewLine = false
            switch scanner.current {
            case "#", "^":
                let inverted = scanner.current == "^"
                scanner.advance()
                let name = try parseName(&scanner, state: state)
                if isStandalone(&scanner, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let body = try parse(&scanner, state: state.withSection(name, newLine: setNewLine))
                nodes.append(.section(Name(name), inverted: inverted, body: body))

            case "/":
                scanner.advance()
                let name = try parseName(&scanner, state: state)
                guard name == state.sectionName else { throw Unsupported() }
                if !isStandalone(&scanner, state: state), !whiteSpaceBefore.isEmpty {
                    nodes.append(text(whiteSpaceBefore))
                }
                return nodes

            case "!":
                scanner.advance()
                try scanner.skip(past: state.endDelimiter)
                setNewLine = isStandalone(&scanner, state: state)

            case "{", "&":
                let triple = scanner.current == "{"
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                scanner.advance()
                let name = try parseName(&scanner, state: state)
                if triple {
                    guard scanner.current == "}" else { throw Unsupported() }
                    scanner.advance()
                }
                nodes.append(.variable(Name(name), escaped: false))

            case ">":
                scanner.advance()
                _ = scanner.read(while: \.isWhitespace)
                guard scanner.current != "*" else { throw Unsupported() }
                _ = scanner.read(while: \.isWhitespace)
                let name = String(scanner.read(while: { partialNameCharacters.contains($0) }))
                _ = scanner.read(while: \.isWhitespace)
                guard scanner.read(string: state.endDelimiter) else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(text(whiteSpaceBefore))
                }
                if isStandalone(&scanner, state: state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whiteSpaceBefore))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""

            case "=":
                scanner.advance()
                state = try setDelimiters(&scanner, state: state)
                setNewLine = isStandalone(&scanner, state: state)

            case "%":
                scanner.advance()
                nodes.append(.contentType(try contentType(&scanner, state: state)))
                setNewLine = isStandalone(&scanner, state: state)

            case "<", "$":
                throw Unsupported()

            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                nodes.append(.variable(Name(try parseName(&scanner, state: state)), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return nodes
    }

    private static func readUntilDelimiterOrNewline(_ scanner: inout Scanner, state: State) throws -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var total = ""
        while !scanner.reachedEnd {
            total += scanner.read(while: { $0 != "\n" && $0 != "\r\n" && $0 != first })
            if scanner.current.isNewline {
                break
            } else if scanner.current == first {
                guard scanner.remaining >= state.startDelimiter.count else { throw Unsupported() }
                if scanner.read(string: state.startDelimiter) { break }
                total.append(first)
                scanner.advance()
            }
        }
        return total
    }

    private static func parseName(_ scanner: inout Scanner, state: State) throws -> String {
        _ = scanner.read(while: \.isWhitespace)
        let name = String(scanner.read(while: { nameCharacters.contains($0) }))
        _ = scanner.read(while: \.isWhitespace)
        guard scanner.read(string: state.endDelimiter) else { throw Unsupported() }
        // Brackets are transforms, `{{uppercased(name)}}`: swift-mustache's to render.
        guard !name.contains("("), !name.contains(")") else { throw Unsupported() }
        return name
    }

    private static func setDelimiters(_ scanner: inout Scanner, state: State) throws -> State {
        _ = scanner.read(while: \.isWhitespace)
        let start = try scanner.read(until: \.isWhitespace)
        _ = scanner.read(while: \.isWhitespace)
        let end = try scanner.read(until: { $0 == "=" || $0.isWhitespace })
        _ = scanner.read(while: \.isWhitespace)
        guard scanner.current == "=" else { throw Unsupported() }
        scanner.advance()
        guard scanner.read(string: state.endDelimiter), !start.isEmpty, !end.isEmpty else { throw Unsupported() }
        var state = state
        state.startDelimiter = String(start)
        state.endDelimiter = String(end)
        return state
    }

    private static func contentType(_ scanner: inout Scanner, state: State) throws -> Escaping {
        _ = scanner.read(while: \.isWhitespace)
        let variable = scanner.read(while: { nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
        _ = scanner.read(while: \.isWhitespace)
        guard scanner.current == ":" else { throw Unsupported() }
        scanner.advance()
        _ = scanner.read(while: \.isWhitespace)
        let value = scanner.read(while: { nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
        _ = scanner.read(while: \.isWhitespace)
        guard scanner.read(string: state.endDelimiter), variable == "CONTENT_TYPE" else { throw Unsupported() }
        switch value {
        case "HTML": return .html
        case "TEXT": return .text
        case Substring(ContentTypes.markdownName): return .markdown
        default: throw Unsupported()
        }
    }

    /// Whether the tag just read stands alone on its line; if so, skips the rest of the line.
    private static func isStandalone(_ scanner: inout Scanner, state: State) -> Bool {
        guard state.newLine else { return false }
        if scanner.reachedEnd { return true }
        var ahead = scanner
        _ = ahead.read(while: { $0 == " " || $0 == "\t" })
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        scanner = ahead
        return true
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// Reads a template by `Character`, as swift-mustache's parser does.
    private struct Scanner {
        let buffer: String
        var position: String.Index

        init(_ text: String) {
            buffer = text
            position = text.startIndex
        }

        var reachedEnd: Bool { position == buffer.endIndex }
        /// The current character, or NUL at the end.
        var current: Character { reachedEnd ? "\0" : buffer[position] }
        var remaining: Int { buffer.distance(from: position, to: buffer.endIndex) }

        mutating func advance() {
            position = buffer.index(after: position)
        }

        mutating func read(while predicate: (Character) -> Bool) -> Substring {
            let start = position
            while !reachedEnd, predicate(buffer[position]) { advance() }
            return buffer[start..<position]
        }

        /// Reads up to the first character matching `predicate`; throws when there is none.
        mutating func read(until predicate: (Character) -> Bool) throws -> Substring {
            let start = position
            while !reachedEnd {
                if predicate(buffer[position]) { return buffer[start..<position] }
                advance()
            }
            position = start
            throw Unsupported()
        }

        /// Reads `string` if it comes next.
        mutating func read(string: String) -> Bool {
            var ahead = position
            for character in string {
                guard ahead != buffer.endIndex, buffer[ahead] == character else { return false }
                ahead = buffer.index(after: ahead)
            }
            position = ahead
            return true
        }

        /// Moves past the next `string`; throws when there is none.
        mutating func skip(past string: String) throws {
            while !reachedEnd {
                if read(string: string) { return }
                advance()
            }
            throw Unsupported()
        }
    }
}
