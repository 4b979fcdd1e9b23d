import TurnscopeModel

/// How a call went, for the record's level and status message, and whether what came back
/// counts as the call's answer.
struct ProviderCallStatus: Sendable {
    /// `ERROR` for a failed call, `WARNING` for one cut short or partly unreadable, nil otherwise.
    var level: Level?
    /// Why, in words: the provider's error message, or what ended the stream early.
    var message: String?
    /// Whether the response's output and usage belong in the record. An HTTP error answers
    /// nothing and bills nothing.
    var keepsReply = true
    /// Why the response stopped early, when it did.
    var cutShort: ProviderCutShortReason?

    init(_ exchange: ProviderExchange, request: ProviderRequest, response: ProviderResponse) {
        if case .failedBeforeResponse(let failure) = exchange.outcome {
            level = .error
            message = "the request got no response: \(failure)"
            keepsReply = false
            return
        }
        if let error = response.httpError {
            level = .error
            // Led by the status, as Claude Code's own `api_error` events say it ("529 Overloaded").
            message = error.message.hasPrefix("HTTP ") ? error.message : "\(exchange.status ?? 0) \(error.message)"
            keepsReply = false
            return
        }
        if let error = response.reply?.error {
            level = .error
            message = error.message
            return
        }
        var detail: String?
        switch exchange.outcome {
        case .cutShort(let reason, let transportDetail):
            cutShort = reason
            detail = transportDetail
        case .complete, .failedBeforeResponse:
            // A stream that lacks its closing event, or stops inside an event, was cut even if
            // the connection closed cleanly.
            if response.isStream, response.streamWasCut || response.reply?.isFinished != true { cutShort = .upstreamClosed }
        }
        if let cutShort {
            level = .warning
            message = Self.cutShortMessage(cutShort, detail: detail, exchange: exchange, response: response)
            return
        }
        if let problem = response.problem ?? request.problem {
            level = .warning
            message = problem
        }
    }

    /// "the stream ended early: the upstream closed the connection after 12 events".
    private static func cutShortMessage(
        _ reason: ProviderCutShortReason, detail: String?, exchange: ProviderExchange, response: ProviderResponse
    ) -> String {
        var text: String
        if response.isStream {
            let count = response.reply?.eventCount ?? 0
            text = "the stream ended early: \(reason.sentence) after \(count) event\(count == 1 ? "" : "s")"
        } else if case .bytes(let bytes) = exchange.responseBody {
            text = "the response ended early: \(reason.sentence) after \(bytes.count) byte\(bytes.count == 1 ? "" : "s")"
        } else {
            text = "the response ended early: \(reason.sentence)"
        }
        if let detail, !detail.isEmpty { text += " (\(BoundedText.text(detail, limit: 512)))" }
        return text
    }
}
