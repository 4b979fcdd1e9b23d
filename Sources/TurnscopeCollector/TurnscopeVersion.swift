/// Turnscope's version, reported by the health endpoint and `turnscope --version`.
public enum TurnscopeVersion {
    public static let current = "0.1.0"
}
