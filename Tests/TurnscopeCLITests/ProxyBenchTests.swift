import Foundation
import Testing

@testable import TurnscopeCLI

/// `turnscope bench proxy`'s pieces: the fake model API it streams from, and a short run end to
/// end. No wall-clock time is asserted, only that the figures exist and the recording happened.
@Suite struct ProxyBenchTests {
    @Test func theFakeUpstreamStreamsTwoHundredDeltasInAnAnthropicStream() throws {
        let upstream = try FakeModelUpstream(deltas: 200, gapNanoseconds: 0)
        defer { upstream.stop() }
        let client = try StreamingHTTPClient(port: upstream.port)
        for _ in 0..<2 {
            // Twice on one connection: the answers are chunked and the connection kept alive.
            let stream = try client.post(
                "/v1/messages", headers: [("Content-Type", "application/json")], body: FakeModelUpstream.requestBody,
                tokensAt: upstream.deltaEnds)
            #expect(stream.status == 200)
            #expect(stream.body == upstream.body)
            #expect(stream.tokens.count == 200)
            #expect(stream.tokens.last! <= stream.end)
            let text = String(decoding: stream.body, as: UTF8.self)
            let names = text.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            #expect(names.count == 206)
            #expect(Array(names.prefix(3)) == ["message_start", "content_block_start", "ping"])
            #expect(names.dropFirst(3).prefix(200).allSatisfy { $0 == "content_block_delta" })
            #expect(Array(names.suffix(3)) == ["content_block_stop", "message_delta", "message_stop"])
            #expect(text.contains(#""usage":{"input_tokens":412"#))
            #expect(text.contains(#""usage":{"output_tokens":400}"#))
            // Every data line is JSON.
            for line in text.components(separatedBy: "\n") where line.hasPrefix("data: ") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) != nil, "\(line)")
            }
            // The first token is the end of the first delta event.
            let firstDelta = try #require(text.range(of: "event: content_block_delta"))
            let firstDeltaEnd = try #require(text.range(of: "\n\n", range: firstDelta.upperBound..<text.endIndex))
            #expect(text.utf8.distance(from: text.startIndex, to: firstDeltaEnd.upperBound) == upstream.deltaEnds[0])
        }
        #expect(upstream.answeredStreams == 2)
    }

    @Test func theFakeUpstreamAnswersOtherPathsWithA404() throws {
        let upstream = try FakeModelUpstream(deltas: 3, gapNanoseconds: 0)
        defer { upstream.stop() }
        let client = try StreamingHTTPClient(port: upstream.port)
        let stream = try client.post("/v1/models", headers: [], body: [], tokensAt: [])
        #expect(stream.status == 404)
        #expect(upstream.answeredStreams == 0)
    }

    @Test func aShortProxyBenchRecordsEveryProxiedCall() throws {
        let runner = try CommandRunner()
        let result = try runner.run(["bench", "proxy", "--pairs", "4", "--streams", "3", "--rounds", "1", "--chunk-gap-ms", "0"])
        #expect(result.status == 0, "\(result)")
        let figures = result.stdoutLines.filter { $0.hasPrefix("{") }.compactMap { try? parseJSON($0) as? [String: Any] }
        func value(_ name: String) -> Double? { figures.first { $0["bench"] as? String == name }?["value"] as? Double }
        // 10 warm-up pairs, 4 measured pairs, 3 streams in 1 proxied round.
        #expect(value("proxy.proxied_requests") == 17, "\(result)")
        #expect(value("proxy.recorded_generations") == 17, "\(result)")
        for name in [
            "proxy.added_ttft_p50", "proxy.added_ttft_p99", "proxy.added_total_p50", "proxy.added_total_p99",
            "proxy.concurrent_direct_streams_per_s", "proxy.concurrent_proxied_streams_per_s", "proxy.concurrent_direct_mb_per_s",
            "proxy.concurrent_proxied_mb_per_s", "proxy.concurrent_slowest_stream_slowdown", "proxy.peak_rss",
        ] {
            #expect(value(name) != nil, "\(name) missing\n\(result)")
        }
    }
}
