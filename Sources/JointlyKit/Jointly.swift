/// Facts about this build of Jointly.
public enum Jointly {
    /// The version printed by `jointly --version`.
    public static let version = "0.1.0"
}
