/// A failure while running a command, printed as one line (`Error: …`) with exit code 1.
///
/// Unlike ArgumentParser's `ValidationError`, it is not followed by the usage text: the command
/// line was fine, the world was not (a missing file, a damaged database).
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
