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
    private var pdfSources: [String: String] = [:]
    private let previousFiles: [String]

    /// Opens `folder`, creating it if needed, and reads the previous build's list.
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
        var files: [String] = []
        var sources: [String: String] = [:]
        let manifest = (folder as NSString).appendingPathComponent(Self.manifestName)
        if let data = FileManager.default.contents(atPath: manifest) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t").map(String.init)
                guard let path = fields.first, Self.isSafe(path) else { continue }
                files.append(path)
                if fields.count == 2 { sources[path] = fields[1] }
            }
        }
        previousFiles = files
        previousPDFSources = sources
    }

    /// The absolute-or-relative path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        (folder as NSString).appendingPathComponent(relative)
    }

    /// Writes `text` to `relative` (such as `russia-telegram-2018/index.html`).
    func write(_ text: String, to relative: String) throws {
        var text = text
        try text.withUTF8 { buffer in
            try write(relative) { handle in try FileDescriptorOutput.writeAll(handle, UnsafeRawBufferPointer(buffer), path: relative) }
        }
    }

    /// Writes `relative` through `body`, which gets the file descriptor of the hidden file.
    func write(_ relative: String, _ body: (Int32) throws -> Void) throws {
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
    @discardableResult
    func finish(keepingPrevious: Bool = false) throws -> Int {
        var removed = 0
        var parents = Set<String>()
        if keepingPrevious {
            for relative in previousFiles where !written.contains(relative) {
                written.insert(relative)
                if let source = previousPDFSources[relative], pdfSources[relative] == nil { pdfSources[relative] = source }
            }
        }
        for relative in previousFiles where !written.contains(relative) {
            let target = path(relative)
            if unlink(target) == 0 { removed += 1 }
            parents.insert((relative as NSString).deletingLastPathComponent)
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
        var manifest = ""
        for relative in written.sorted() {
            manifest += relative
            if let source = pdfSources[relative] { manifest += "\t" + source }
            manifest += "\n"
        }
        try write(manifest, to: Self.manifestName)
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
        !relative.isEmpty && !relative.hasPrefix("/") && !relative.split(separator: "/").contains("..")
            && relative != manifestName
    }
}

/// Buffers text and writes it to a file descriptor in chunks of about 1 MB.
struct ChunkedWriter {
    let descriptor: Int32
    let path: String
    private var buffer: [UInt8] = []
    static let chunk = 1 << 20

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { try flush() }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try FileDescriptorOutput.writeAll(descriptor, $0, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }
}
