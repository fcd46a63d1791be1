import Foundation

/// Where a command may write.
public enum OutputPath {
    /// Refuses a relative path that climbs out of the current folder (`../../etc/x`).
    ///
    /// A script that builds `--output` from a statement's slug or a user's answer must not
    /// be able to write outside the project. An absolute path is taken as meant.
    public static func check(_ path: String, flag: String = "--output") throws {
        guard !path.hasPrefix("/"), path != "-" else { return }
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            if depth < 0 {
                throw JointlyError.invalidValue(
                    field: flag, value: path,
                    reason: "leaves the current folder; give a path inside it, or an absolute path if you mean one outside")
            }
        }
    }
}
