import ArgumentParser
import Foundation
import TurnscopeMirror
import TurnscopeStore
import TurnscopeTUI

/// The Langfuse mirror's switches, shared by `serve` and the browser.
///
/// Whether it runs is `MirrorGate`'s decision from LANGFUSE_HOST (or LANGFUSE_BASE_URL),
/// LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY: all three, or nothing leaves the machine.
struct MirrorOptions: ParsableArguments {
    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Forward records to Langfuse: --mirror fails at start if LANGFUSE_HOST, LANGFUSE_PUBLIC_KEY or LANGFUSE_SECRET_KEY is missing; --no-mirror never forwards. Default: on exactly when all three are set."))
    var mirror: Bool?

    @Flag(
        help: "Forward structure, names, models, timings, usage and cost, but replace message content, tool arguments and results with a marker (also TURNSCOPE_MIRROR_REDACT=1). Local data stays whole.")
    var mirrorRedact = false

    @Flag(
        help: "Also forward the turns read from Claude Code and Codex transcripts. Without it they stay on this machine even while the mirror is on (`turnscope mirror backfill --session ID` still sends one session on request).")
    var mirrorAgents = false

    @Option(help: ArgumentHelp("CA bundle for a Langfuse behind a private CA (default: $SSL_CERT_FILE).", valueName: "file"))
    var mirrorCaFile: String?

    @Option(help: ArgumentHelp("About how many observations go in one request to Langfuse (a 413 halves it anyway).", valueName: "n"))
    var mirrorBatch = 500

    func validate() throws {
        guard (1...10_000).contains(mirrorBatch) else { throw ValidationError("--mirror-batch takes 1 to 10000") }
    }

    /// A running mirror, or why there is none.
    struct Started {
        var drainer: MirrorDrainer?
        var display: MirrorDisplay
        /// Warnings to show once (printed by `serve`, shown in the browser's footer).
        var warnings: [String]
        /// One line saying where records go, for `serve`'s start-up banner.
        var banner: String?
    }

    /// The gate's decision from the environment and these flags; `collector` is the collector's
    /// own address, which is refused. A start-up error when `--mirror` cannot be honoured.
    func decide(collector: (host: String, port: Int)?) throws -> MirrorDecision {
        let request: MirrorGate.Request = switch mirror {
        case true?: .required
        case false?: .disabled
        case nil: .automatic
        }
        do {
            return try MirrorGate(request: request, collectorAddress: collector)
                .decide(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandError(error.description)
        }
    }

    /// When the mirror is on, makes `store` queue records in its outbox and starts draining it.
    func start(_ decision: MirrorDecision, on store: TraceStore) -> Started {
        let environment = ProcessInfo.processInfo.environment
        switch decision {
        case .off(_, let warning):
            store.queuesForMirror = false
            return Started(drainer: nil, display: .off, warnings: warning.map { [$0] } ?? [], banner: nil)
        case .on(let destination, let warnings):
            let redact = mirrorRedact || ["1", "true", "yes"].contains(environment["TURNSCOPE_MIRROR_REDACT"]?.lowercased() ?? "")
            let settings = MirrorSettings(
                destination: destination, redact: redact,
                transport: TransportOptions.fromEnvironment(environment, caFile: mirrorCaFile), recordsPerRequest: mirrorBatch)
            store.queuesForMirror = true
            store.queuesAgentsForMirror = mirrorAgents
            let drainer = MirrorDrainer(store: store, settings: settings)
            drainer.start()
            let banner = "turnscope: mirroring every record to \(destination)\(redact ? " with content redacted" : "")"
                + (mirrorAgents ? "" : ", except coding agents' transcripts (--mirror-agents sends them)") + " (turnscope mirror status)"
            return Started(drainer: drainer, display: .on(host: destination.host), warnings: warnings, banner: banner)
        }
    }
}
