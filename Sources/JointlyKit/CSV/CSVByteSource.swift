import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ``CSVReader`` gets its bytes; a protocol so tests can feed memory.
protocol CSVByteSource: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes, 0 at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int
}

/// A class so that a file the reader opened is closed when the last copy goes away.
final class FileDescriptorSource: CSVByteSource {
    private let descriptor: Int32
    private let closeWhenDone: Bool
    /// Holds a `FileHandle` so that it does not close the descriptor under the reader.
    private let keepAlive: AnyObject?

    init(descriptor: Int32, closeWhenDone: Bool, keepAlive: AnyObject?) {
        self.descriptor = descriptor
        self.closeWhenDone = closeWhenDone
        self.keepAlive = keepAlive
    }

    deinit {
        if closeWhenDone { close(descriptor) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        while true {
            #if canImport(Darwin)
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #elseif canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Musl.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            // A signal may interrupt a read on a pipe or terminal; that is not a failure.
            if errno == EINTR { continue }
            throw JointlyError.io(path: name, reason: "cannot read: \(CSVReader.systemError())")
        }
    }
}

final class MemorySource: CSVByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes[offset..<(offset + count)].withUnsafeBytes { source in
            buffer.copyMemory(from: source)
        }
        offset += count
        return count
    }
}
