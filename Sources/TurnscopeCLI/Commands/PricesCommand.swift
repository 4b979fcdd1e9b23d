import ArgumentParser
import Foundation
import TurnscopeModel

/// `turnscope prices MODEL`: what a model costs and which price entry its name matched.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Show what a model costs per million tokens and which price entry its name matches.",
        discussion: """
            Names are matched as clients send them: provider prefixes (anthropic/, openai/, bedrock/…), \
            Vertex @dates and dated snapshots all find their entry. Add or override models with --prices FILE.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Model names, e.g. claude-sonnet-4-5-20250929 or openai/gpt-4.1-mini.", valueName: "model"))
    var models: [String]

    func validate() throws {
        if models.isEmpty { throw ValidationError("name at least one model") }
    }

    func run() throws {
        let table = try store.priceTable()
        var missing = 0
        for model in models {
            guard let price = table.match(model: model) else {
                print("\(TerminalText.sanitize(model)): no price entry; its cost will show as unknown")
                missing += 1
                continue
            }
            print("\(TerminalText.sanitize(model)) → \(price.key)\(price.provider.map { " (\($0))" } ?? "")")
            print("  per 1M tokens: input \(Format.perMillion(price.input))  output \(Format.perMillion(price.output))"
                + "  cache read \(Format.perMillion(price.cacheRead))  cache write 5m \(Format.perMillion(price.cacheWrite5m))"
                + "  cache write 1h \(Format.perMillion(price.cacheWrite1h))"
                + (price.reasoning.map { "  reasoning \(Format.perMillion($0))" } ?? ""))
            if let tier = price.longContext {
                print("  above \(tier.threshold) prompt tokens (whole request): input \(Format.perMillion(tier.input))  output \(Format.perMillion(tier.output))"
                    + "  cache read \(Format.perMillion(tier.cacheRead))  cache write 5m \(Format.perMillion(tier.cacheWrite5m))")
            }
        }
        if missing > 0 { throw ExitCode(1) }
    }
}
