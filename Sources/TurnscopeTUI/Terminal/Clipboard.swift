import Foundation

/// The escape sequence that asks the terminal to put text on the system clipboard (OSC 52).
///
/// It works over ssh and needs no xclip; terminals that do not support it ignore it. Inside tmux
/// the plain sequence reaches the clipboard only with `set-clipboard on`, and the wrapped one
/// (tmux's DCS passthrough) only with `allow-passthrough on`, so under tmux both are sent.
public enum Clipboard {
    /// The bytes to write to the terminal to copy `text`; `tmux` when `$TMUX` is set.
    public static func sequence(copying text: String, tmux: Bool) -> String {
        let plain = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        guard tmux else { return plain }
        // Passthrough: ESC P tmux; <the sequence with every ESC doubled> ESC \.
        let wrapped = "\u{1B}Ptmux;" + plain.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        return plain + wrapped
    }
}
