import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder of a build, written so that the previous site stays intact until
/// each new file replaces its old one.
///
/// Every file is written beside its target under a hidden name and renamed into place,
/// so a reader (or a build that is killed) sees either the old file or the new one.
/// The files a build writes are listed in `.jointly-site`; the next build removes the
/// ones it no longer produces, last, and touches nothing else in the folder (a `.git`,
/// a `CNAME`).
final class SiteOutput: @unchecked Sendable {
    /// The folder, as the user named it.
    let folder: String
    /// The name of the list of files the last build wrote.
    static let manifestName = ".jointly-site"

    private let lock = NSLock()
    private var written: Set<String> = []
    private var directories: Set<String> = []
    /// Fingerprints of the pages PDFs were printed from, by PDF path.
    private(set) var previousPDFSources: [String: String] = [:]
    /// The audit log's newest event when the pages a partial build keeps were last all
    /// built: the manifest's first line, `#events ID HASH`. Nil if it has none.
    private(set) var previousFullBuild: EventMark?
    /// How the line that records it begins.
    private static let markPrefix = "#events "

    private var pdfSources: [String: String] = [:]

    /// The pages at the top of the folder named after a statement (`SLUG.html`,
    /// `SLUG.ru.md`: what `jointly render` is given) that this build did not write: the
    /// build leaves them as they are, so they may still name a group that has since
    /// withdrawn or asked to be unnamed. Other files (a README, a 404 page) are the site
    /// owner's and not named.
    func pagesNotWritten(slugs: [String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        lock.lock()
        defer { lock.unlock() }
        return names.filter { name in
            (name.hasSuffix(".html") || name.hasSuffix(".md")) && !written.contains(name)
                && slugs.contains { name.hasPrefix($0 + ".") }
        }.sorted()
    }

    /// Opens `folder`, creating it if needed, and reads which PDFs the previous build printed.
    init(folder: String) throws {
        self.folder = folder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw JointlyError.io(path: folder, reason: "is a file; --output takes a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: folder, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
        var sources: [String: String] = [:]
        var mark: EventMark?
        try Self.readManifest(at: path(Self.manifestName), mark: { mark = Self.parseMark($0) }) { path, source in
            if let source { sources[path] = source }
        }
        previousPDFSources = sources
        previousFullBuild = mark
    }

    /// The mark in an `#events ID HASH` line (its text after the prefix), if well formed.
    private static func parseMark(_ text: Substring) -> EventMark? {
        let fields = text.split(separator: " ")
        guard fields.count == 2, let id = Int64(fields[0]), fields[1].utf8.count == 64 else { return nil }
        return EventMark(id: id, hash: String(fields[1]))
    }

    /// Calls `body` with each path of the manifest at `manifest` and its PDF's source, if any,
    /// and `mark` with the rest of an `#events ` line.
    private static func readManifest(
        at manifest: String, mark: (Substring) -> Void = { _ in }, _ body: (String, String?) throws -> Void
    ) throws {
        guard let file = fopen(manifest, "r") else { return }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line).dropLast(String(cString: line).hasSuffix("\n") ? 1 : 0)
            if text.hasPrefix(markPrefix) {
                mark(text.dropFirst(markPrefix.count))
                continue
            }
            let fields = text.split(separator: "\t").map(String.init)
            guard let path = fields.first, isSafe(path) else { continue }
            try body(path, fields.count == 2 ? fields[1] : nil)
        }
    }

    /// The absolute-or-relative path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        (folder as NSString).appendingPathComponent(relative)
    }

    /// Writes `text` to `relative` (such as `russia-telegram-2018/index.html`).
    ///
    /// `listed: false` leaves the file out of the build's list, for files the caller lists
    /// itself when the build finishes (`finish(alsoWritten:)`): a million organisation
    /// pages are listed from the database rather than held in memory.
    func write(_ text: String, to relative: String, listed: Bool = true) throws {
        var text = text
        try text.withUTF8 { buffer in
            try write(relative, listed: listed) { handle in
                try FileDescriptorOutput.writeAll(handle, UnsafeRawBufferPointer(buffer), path: relative)
            }
        }
    }

    /// Writes `relative` through `body`, which gets the file descriptor of the hidden file.
    func write(_ relative: String, listed: Bool = true, _ body: (Int32) throws -> Void) throws {
        let target = path(relative)
        let directory = (target as NSString).deletingLastPathComponent
        try makeDirectory(directory)
        let temporary = (directory as NSString).appendingPathComponent("." + (target as NSString).lastPathComponent + ".jointly-tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw JointlyError.io(path: target, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        do {
            try body(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw JointlyError.io(path: target, reason: "cannot move the new file into place (\(reason))")
        }
        guard listed else { return }
        lock.lock()
        written.insert(relative)
        lock.unlock()
    }

    /// Writes every file of `relatives` at once through `body`, which gets their file
    /// descriptors in the same order; each is renamed into place as `write(_:_:)` does.
    func write(_ relatives: [String], _ body: ([Int32]) throws -> Void) throws {
        func open(_ rest: ArraySlice<String>, _ descriptors: [Int32]) throws {
            guard let first = rest.first else { return try body(descriptors) }
            try write(first) { descriptor in try open(rest.dropFirst(), descriptors + [descriptor]) }
        }
        try open(relatives[...], [])
    }

    /// A hidden path beside `relative` for a program that writes the file itself (Chromium).
    func temporaryPath(for relative: String) throws -> String {
        let target = path(relative)
        let directory = (target as NSString).deletingLastPathComponent
        try makeDirectory(directory)
        return (directory as NSString).appendingPathComponent("." + (target as NSString).lastPathComponent + ".jointly-tmp")
    }

    /// Renames the file at `temporary` (from `temporaryPath(for:)`) into place as `relative`.
    func moveIntoPlace(_ temporary: String, as relative: String) throws {
        guard rename(temporary, path(relative)) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw JointlyError.io(path: path(relative), reason: "cannot move the new file into place (\(reason))")
        }
        keep(relative)
    }

    /// Records that `relative` is part of this build without writing it (a PDF kept as it was).
    func keep(_ relative: String) {
        lock.lock()
        written.insert(relative)
        lock.unlock()
    }

    /// Records the fingerprint of the page `pdf` was printed from.
    func recordPDFSource(_ pdf: String, fingerprint: String) {
        lock.lock()
        pdfSources[pdf] = fingerprint
        lock.unlock()
    }

    /// Whether `relative` exists in the folder now.
    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    /// Removes what the previous build wrote and this one did not, then records this build's
    /// files. Returns the number of files removed. A partial build (`keepingPrevious`)
    /// removes nothing and records the previous build's files with its own.
    /// `fullBuild` is the audit log's newest event when every kept page was last built.
    ///
    /// `alsoWritten` gives, one per call and in byte order, the files written unlisted.
    /// The lists are merged in byte order, so a list of a million files is never held
    /// whole; a previous list in another order (from an older Jointly) is sorted first.
    @discardableResult
    func finish(keepingPrevious: Bool = false, fullBuild: EventMark? = nil, alsoWritten: () throws -> String? = { nil }) throws -> Int {
        func precedes(_ left: String, _ right: String) -> Bool { left.utf8.lexicographicallyPrecedes(right.utf8) }
        var listed = written.sorted(by: precedes)[...]
        var unlisted = try alsoWritten()
        // This build's files in byte order, each once.
        func nextWritten() throws -> String? {
            if let next = unlisted, listed.first.map({ !precedes($0, next) }) ?? true {
                unlisted = try alsoWritten()
                if listed.first == next { listed.removeFirst() }
                return next
            }
            return listed.popFirst()
        }
        var last: String?
        var inOrder = true
        try Self.readManifest(at: path(Self.manifestName)) { path, _ in
            if let last, !precedes(last, path) { inOrder = false }
            last = path
        }
        var previousFiles: [String] = []
        if !inOrder {
            try Self.readManifest(at: path(Self.manifestName)) { path, _ in previousFiles.append(path) }
            previousFiles.sort(by: precedes)
        }
        let manifestPath = path(Self.manifestName)
        var removed = 0
        var parents = Set<String>()
        try write(Self.manifestName) { descriptor in
            var manifest: [UInt8] = []
            func list(_ relative: String, source: String?) throws {
                manifest.append(contentsOf: relative.utf8)
                if let source { manifest.append(0x09); manifest.append(contentsOf: source.utf8) }
                manifest.append(0x0A)
                guard manifest.count >= 1 << 20 else { return }
                try manifest.withUnsafeBytes { try FileDescriptorOutput.writeAll(descriptor, $0, path: Self.manifestName) }
                manifest.removeAll(keepingCapacity: true)
            }
            if let fullBuild { manifest.append(contentsOf: "\(Self.markPrefix)\(fullBuild.id) \(fullBuild.hash)\n".utf8) }
            var current = try nextWritten()
            func old(_ relative: String) throws {
                while let next = current, precedes(next, relative) {
                    try list(next, source: pdfSources[next])
                    current = try nextWritten()
                }
                if current == relative { return }
                if keepingPrevious {
                    try list(relative, source: previousPDFSources[relative])
                } else {
                    if unlink(path(relative)) == 0 { removed += 1 }
                    parents.insert((relative as NSString).deletingLastPathComponent)
                }
            }
            if inOrder {
                try Self.readManifest(at: manifestPath) { relative, _ in try old(relative) }
            } else {
                for relative in previousFiles { try old(relative) }
            }
            while let next = current {
                try list(next, source: pdfSources[next])
                current = try nextWritten()
            }
            try manifest.withUnsafeBytes { try FileDescriptorOutput.writeAll(descriptor, $0, path: Self.manifestName) }
        }
        // Folders left empty by removed pages go too, deepest first; rmdir refuses a
        // folder that still holds anything, so nothing of the user's is lost.
        for parent in parents.sorted(by: { $0.count > $1.count }) {
            var folderPath = parent
            while !folderPath.isEmpty {
                if rmdir(path(folderPath)) != 0 { break }
                folderPath = (folderPath as NSString).deletingLastPathComponent
            }
        }
        return removed
    }

    private func makeDirectory(_ directory: String) throws {
        lock.lock()
        let known = directories.contains(directory)
        lock.unlock()
        guard !known else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JointlyError.io(path: directory, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        lock.lock()
        directories.insert(directory)
        lock.unlock()
    }

    /// Whether a manifest entry stays inside the folder.
    private static func isSafe(_ relative: String) -> Bool {
        !relative.isEmpty && !relative.hasPrefix("/") && !relative.hasPrefix("#") && !relative.split(separator: "/").contains("..")
            && relative != manifestName
    }
}
