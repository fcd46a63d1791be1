import Dispatch
import Mustache

/// One file of a page whose long lists are read while it is written: fixed bytes with a
/// hole for each streamed list between them, and how records become bytes in a hole.
///
/// Several files made from the same sorted records (a statement's page, its Markdown
/// edition, its downloads) are written together by `StreamedFile.write`, which reads the
/// records once, a chunk at a time, and renders each chunk into every file on both cores.
struct StreamedFile<Record>: @unchecked Sendable {
    /// The open file.
    let descriptor: Int32
    /// The file's name in errors.
    let path: String
    /// The fixed bytes: before the first hole, between holes, after the last.
    let segments: [[UInt8]]
    /// Which records of the sorted list fill each hole, ascending.
    let windows: [Range<Int>]
    /// Appends the bytes of `records`, which are the records at `range` of the list, in hole `hole`.
    let render: (_ hole: Int, _ records: ArraySlice<Record>, _ range: Range<Int>, _ bytes: inout [UInt8]) -> Void

    /// A file with one hole for the whole list, between `head` and `tail`.
    init(descriptor: Int32, path: String, head: [UInt8], tail: [UInt8], count: Int,
         render: @escaping (ArraySlice<Record>, Range<Int>, inout [UInt8]) -> Void) {
        self.descriptor = descriptor
        self.path = path
        segments = [head, tail]
        windows = [0..<count]
        self.render = { _, records, range, bytes in render(records, range, &bytes) }
    }

    /// A file rendered from a template `layout` with its holes; `rows` makes the rows a
    /// hole's section repeats over from records.
    init<Row: MustacheParent>(descriptor: Int32, path: String, layout: TemplateOutput, rows: @escaping (ArraySlice<Record>) -> [Row]) {
        let holes = layout.holes
        self.init(descriptor: descriptor, path: path, layout: layout) { hole, records, range, bytes in
            holes[hole].render(rows(records)[...], at: range, into: &bytes)
        }
    }

    /// A file rendered from a template `layout` whose rows are `TemplateRecord`s: each hole's
    /// section resolved once against the row's fields where it can be (`RecordTemplate`).
    init<Row: TemplateRecord>(descriptor: Int32, path: String, layout: TemplateOutput, rows: @escaping (ArraySlice<Record>) -> [Row]) {
        let holes = layout.holes
        let templates = holes.map { $0.recordTemplate(for: Row.self) }
        self.init(descriptor: descriptor, path: path, layout: layout) { hole, records, range, bytes in
            if let template = templates[hole] {
                holes[hole].render(rows(records)[...], through: template, at: range, into: &bytes)
            } else {
                holes[hole].render(rows(records)[...], at: range, into: &bytes)
            }
        }
    }

    private init(
        descriptor: Int32, path: String, layout: TemplateOutput,
        render: @escaping (_ hole: Int, _ records: ArraySlice<Record>, _ range: Range<Int>, _ bytes: inout [UInt8]) -> Void
    ) {
        self.descriptor = descriptor
        self.path = path
        segments = layout.segments + [layout.bytes]
        windows = layout.holes.map(\.window)
        self.render = render
    }

    /// Records per read.
    static var chunkSize: Int { 8_192 }
    /// Records per piece of work on one core.
    static var pieceSize: Int { 1_024 }

    /// Writes `files`, reading their records with `open`, which starts a read of the
    /// sorted list and returns a function that gives the next `n` records (none at the end).
    ///
    /// Files whose holes take the records in order are written in one read; a file that
    /// shows some records twice or out of order (a custom template listing signatories
    /// both flat and grouped) gets one more read per hole.
    static func write(_ files: [StreamedFile], open: () throws -> (Int) throws -> [Record]) throws {
        var inOrder: [Track] = []
        var others: [Track] = []
        for (index, file) in files.enumerated() {
            let ascending = zip(file.windows, file.windows.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }
            if ascending {
                inOrder.append(Track(file: index, holes: Array(file.windows.indices), segments: file.segments))
            } else {
                for hole in file.windows.indices {
                    others.append(Track(
                        file: index, holes: [hole],
                        segments: [hole == 0 ? file.segments[0] : [], file.segments[hole + 1]]))
                }
            }
        }
        try pass(inOrder, files: files, next: try open())
        for track in others {
            try pass([track], files: files, next: try open())
        }
    }

    /// A file's holes that one read fills, with the fixed bytes around them.
    private struct Track {
        var file: Int
        var holes: [Int]
        var segments: [[UInt8]]
    }

    private enum Step {
        case segment(Int)
        case piece(Int)
    }

    private static func pass(_ tracks: [Track], files: [StreamedFile], next: (Int) throws -> [Record]) throws {
        guard !tracks.isEmpty else { return }
        for track in tracks {
            let file = files[track.file]
            try write(track.segments[0], to: file)
        }
        var done = [Int](repeating: 0, count: tracks.count)
        var position = 0
        // Each chunk is rendered and written in the background while the next is read.
        let background = Background()
        while true {
            let chunk = try next(chunkSize)
            try background.wait()
            if chunk.isEmpty { break }
            let range = position..<(position + chunk.count)
            var steps = [[Step]](repeating: [], count: tracks.count)
            var pieces: [(track: Int, hole: Int, range: Range<Int>)] = []
            for (index, track) in tracks.enumerated() {
                let windows = files[track.file].windows
                while done[index] < track.holes.count {
                    let hole = track.holes[done[index]]
                    let window = windows[hole]
                    let lower = max(window.lowerBound, range.lowerBound)
                    let upper = min(window.upperBound, range.upperBound)
                    for start in stride(from: lower, to: upper, by: pieceSize) {
                        steps[index].append(.piece(pieces.count))
                        pieces.append((index, hole, start..<min(upper, start + pieceSize)))
                    }
                    guard window.upperBound <= range.upperBound else { break }
                    done[index] += 1
                    steps[index].append(.segment(done[index]))
                }
            }
            nonisolated(unsafe) let shared = (files, tracks, pieces, chunk, range.lowerBound, steps)
            background.run {
                let (files, tracks, pieces, _, _, steps) = shared
                var rendered = [[UInt8]](repeating: [], count: pieces.count)
                rendered.withUnsafeMutableBufferPointer { buffer in
                    nonisolated(unsafe) let buffer = buffer
                    DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                        let (files, tracks, pieces, chunk, offset, _) = shared
                        let piece = pieces[index]
                        let records = chunk[(piece.range.lowerBound - offset)..<(piece.range.upperBound - offset)]
                        var bytes: [UInt8] = []
                        files[tracks[piece.track].file].render(piece.hole, records, piece.range, &bytes)
                        buffer[index] = bytes
                    }
                }
                for (index, track) in tracks.enumerated() {
                    var bytes: [UInt8] = []
                    for step in steps[index] {
                        switch step {
                        case .piece(let piece): bytes.append(contentsOf: rendered[piece])
                        case .segment(let segment): bytes.append(contentsOf: track.segments[segment])
                        }
                    }
                    try write(bytes, to: files[track.file])
                }
            }
            position = range.upperBound
        }
        try background.wait()
        for (index, track) in tracks.enumerated() where done[index] < track.holes.count {
            let file = files[track.file]
            for segment in track.segments[(done[index] + 1)...] { try write(segment, to: file) }
        }
    }

    /// One piece of work at a time on another thread, its error kept for `wait`.
    private final class Background: @unchecked Sendable {
        private let group = DispatchGroup()
        private var error: Error?

        func run(_ work: @escaping () throws -> Void) {
            nonisolated(unsafe) let work = work
            DispatchQueue.global().async(group: group) {
                do { try work() } catch { self.error = error }
            }
        }

        /// Waits for the work to finish, and throws its error.
        func wait() throws {
            group.wait()
            if let error { throw error }
        }
    }

    private static func write(_ bytes: [UInt8], to file: StreamedFile) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try FileDescriptorOutput.writeAll(file.descriptor, $0, path: file.path) }
    }
}
