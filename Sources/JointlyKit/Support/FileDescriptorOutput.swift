#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#else
import Musl
#endif

/// Writing bytes to a file descriptor: the one loop the CSV writer, export and the site share.
enum FileDescriptorOutput {
    /// Writes every byte of `buffer` to `descriptor`, retrying short writes and
    /// interrupted ones; `path` names the file in the error.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let count = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if count < 0 {
                // A signal may interrupt a write to a pipe; that is not a failure.
                if errno == EINTR { continue }
                throw JointlyError.io(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += count
        }
    }
}
