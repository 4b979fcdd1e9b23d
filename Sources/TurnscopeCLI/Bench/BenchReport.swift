import Foundation
import TurnscopeModel

/// Benchmark figures: one JSON line each as they are measured, then a table to read.
struct BenchReport {
    struct Figure {
        var name: String
        var value: Double
        var unit: String
        var target: String?
    }

    private(set) var figures: [Figure] = []
    /// Whether figures print as they are added; a benchmark that runs another for its parts
    /// keeps the parts' lines to itself.
    var echoes = true

    /// The value of the figure with this name, if it was measured.
    func value(_ name: String) -> Double? { figures.first { $0.name == name }?.value }

    /// Records a figure and prints its JSON line at once, so a long run shows progress.
    mutating func add(_ name: String, _ value: Double, _ unit: String, target: String? = nil) {
        figures.append(Figure(name: name, value: value, unit: unit, target: target))
        guard echoes else { return }
        let rounded = (value * 1000).rounded() / 1000
        print(JSONValue.object(["bench": .string(name), "value": .number(rounded), "unit": .string(unit)]).jsonString)
        fflush(nil)
    }

    func printTable() {
        var table = Table([.left("FIGURE", max: 48), .right("VALUE"), .left("UNIT"), .left("TARGET")])
        for figure in figures {
            let value = figure.value >= 100 ? String(format: "%.0f", figure.value) : String(format: "%.3g", figure.value)
            table.add([figure.name, value, figure.unit, figure.target ?? ""])
        }
        print("")
        print(table.render())
    }
}
