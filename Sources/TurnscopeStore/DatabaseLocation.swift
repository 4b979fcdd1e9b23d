import Foundation

/// Where the database lives when no `--db` is given.
public enum DatabaseLocation {
    /// `$TURNSCOPE_DB`, else `$XDG_DATA_HOME/turnscope/turnscope.db`, else
    /// `~/.local/share/turnscope/turnscope.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["TURNSCOPE_DB"], !explicit.isEmpty { return explicit }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/turnscope/turnscope.db"
    }
}
