import Foundation
import TurnscopeCollector

extension ProxyRoute {
    /// A route from `--upstream NAME=URL`: a name that is one path component, and an http or
    /// https URL.
    init(parsing argument: String) throws {
        guard let equals = argument.firstIndex(of: "=") else {
            throw CommandError("--upstream \(argument): expected NAME=URL, such as openrouter=https://openrouter.ai/api")
        }
        let name = String(argument[..<equals])
        let url = String(argument[argument.index(after: equals)...])
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw CommandError("--upstream \(argument): the name must be letters, digits, '-', '_' or '.'")
        }
        // The collector's own paths start with these; a route there would hide them.
        guard !["api", "v1"].contains(name) else {
            throw CommandError("--upstream \(argument): \(name) is one of the collector's own paths")
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host?.isEmpty == false, parsed.query == nil
        else {
            throw CommandError("--upstream \(argument): the URL must be http:// or https:// with a host and no query")
        }
        self.init(name: name, upstream: url)
    }
}
