import Crypto
import Foundation

/// SHA-256 fingerprints, as lowercase hex.
enum Hashing {
    /// The SHA-256 of `text`'s UTF-8 bytes.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
