/// Statement text built once from a column list, so a row type names its columns in one place.
enum SQLText {
    static func names(_ columns: String) -> [String] {
        columns.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }
    }

    /// `INSERT INTO table (columns…, change_seq) VALUES (?, …)`.
    static func insert(into table: String, columns: String) -> String {
        let names = names(columns) + ["change_seq"]
        return "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    /// `UPDATE table SET column = ?, …, change_seq = ? WHERE id = ?` for every column but the first (`id`).
    static func update(_ table: String, columns: String) -> String {
        let assignments = (names(columns).dropFirst() + ["change_seq"]).map { "\($0) = ?" }
        return "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE id = ?"
    }
}
