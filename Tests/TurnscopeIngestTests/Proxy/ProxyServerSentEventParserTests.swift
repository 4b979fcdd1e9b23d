import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// `ServerSentEventParser` against the WHATWG rules, the reference streams split at every byte,
/// and streams of megabytes.
@Suite struct ProxyServerSentEventParserTests {
    static let fixtures = [
        "anthropic_stream_tooluse.sse", "anthropic_stream_thinking.sse", "anthropic_stream_error.sse",
        "openai_stream_toolcall.sse", "openai_stream_text.sse", "openai_responses_stream_text.sse",
        "openai_responses_stream_toolcall.sse",
    ]

    /// Everything a parser makes of `chunks`, and how the stream ended.
    static func parse(_ chunks: [[UInt8]]) -> ([ServerSentEvent], ServerSentEventStreamEnd) {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += parser.feed(chunk) }
        return (events, parser.finish())
    }

    static func parse(_ text: String) -> ([ServerSentEvent], ServerSentEventStreamEnd) {
        parse([Array(text.utf8)])
    }

    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }

    // MARK: - The reference streams

    @Test(arguments: fixtures) func fixtureGivesOneEventPerDataLine(name: String) throws {
        let bytes = try ProxyFixtures.bytes(name)
        let (events, end) = Self.parse([bytes])
        #expect(end == .complete)
        let dataLines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("data:") }
        #expect(events.count == dataLines.count)
        #expect(events.map(\.data) == dataLines.map { String($0.dropFirst(6)) })
        for event in events where !name.hasPrefix("openai_stream") {
            // Anthropic and Responses streams name every event after its data's `type`.
            let type = try JSONText.parse(event.data)["type"]?.stringValue
            #expect(event.type == type)
        }
        if name.hasPrefix("openai_stream") { #expect(events.allSatisfy { $0.type == "message" && $0.id == nil }) }
    }

    @Test(arguments: fixtures) func everySplitPointGivesTheSameEvents(name: String) throws {
        for bytes in [try ProxyFixtures.bytes(name), Self.crlf(try ProxyFixtures.bytes(name))] {
            let (whole, _) = Self.parse([bytes])
            for split in 0...bytes.count {
                let (events, end) = Self.parse([Array(bytes[..<split]), Array(bytes[split...])])
                #expect(events == whole, "split at \(split)")
                #expect(end == .complete)
            }
        }
    }

    @Test(arguments: fixtures) func byteByByteGivesTheSameEvents(name: String) throws {
        for bytes in [try ProxyFixtures.bytes(name), Self.crlf(try ProxyFixtures.bytes(name))] {
            let (whole, _) = Self.parse([bytes])
            let (events, end) = Self.parse(bytes.map { [$0] })
            #expect(events == whole)
            #expect(end == .complete)
        }
    }

    @Test func eventsComeOutAsSoonAsTheirBlankLineArrives() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("event: a\ndata: 1\n".utf8)).isEmpty)
        #expect(parser.feed(Array("\nevent: b\ndata: 2\n\nda".utf8)) == [
            ServerSentEvent(type: "a", data: "1"), ServerSentEvent(type: "b", data: "2"),
        ])
        #expect(parser.feed(Array("ta: 3\n\n".utf8)) == [ServerSentEvent(data: "3")])
        #expect(parser.finish() == .complete)
    }

    // MARK: - The standard's rules

    @Test func lineEndsMayBeCRLFOrCROrLFMixed() {
        let (events, end) = Self.parse("data: a\r\ndata: b\rdata: c\n\r\nevent: x\rdata: d\r\r")
        #expect(events == [ServerSentEvent(data: "a\nb\nc"), ServerSentEvent(type: "x", data: "d")])
        #expect(end == .complete)
    }

    @Test func aCRLFSplitAcrossChunksIsOneLineEnd() {
        // If the LF were a second line end, it would dispatch "a" early and "b" on its own.
        let (events, _) = Self.parse([Array("data: a\r".utf8), Array("\ndata: b\r".utf8), Array("\n\r".utf8), Array("\n".utf8)])
        #expect(events == [ServerSentEvent(data: "a\nb")])
    }

    @Test func commentsAreIgnoredAndKeepNothingOpen() {
        let (events, end) = Self.parse(": hello\ndata: a\n: in the middle\ndata: b\n\n:keep-alive\n\n: trailing")
        #expect(events == [ServerSentEvent(data: "a\nb")])
        #expect(end == .complete)
    }

    @Test func fieldsFollowTheStandard() {
        let (events, _) = Self.parse(
            """
            data:no space
            data:  two spaces

            event
            data

            event:
            data: empty type is message

            retry: 1000
            unknown: field
            data: x

            event: only-type

            data: after the empty event

            """ + "\n")
        #expect(events == [
            ServerSentEvent(data: "no space\n two spaces"),
            // `event` alone sets an empty type (message); `data` alone adds an empty line.
            ServerSentEvent(data: ""),
            ServerSentEvent(data: "empty type is message"),
            ServerSentEvent(data: "x"),
            // An event with no data is not dispatched, and its type does not leak into the next.
            ServerSentEvent(data: "after the empty event"),
        ])
    }

    @Test func lastEventIdCarriesOverAndRejectsNul() {
        let (events, _) = Self.parse("id: 1\ndata: a\n\ndata: b\n\nid: 2\u{0}x\ndata: c\n\nid\ndata: d\n\n")
        #expect(events.map(\.id) == ["1", "1", "1", ""])
    }

    @Test func aLeadingByteOrderMarkIsSkippedEvenWhenSplit() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("data: a\n\n".utf8)
        #expect(Self.parse([bytes]).0 == [ServerSentEvent(data: "a")])
        #expect(Self.parse(bytes.map { [$0] }).0 == [ServerSentEvent(data: "a")])
        // Only at the very start: later it is part of the field name, which is then unknown.
        #expect(Self.parse([Array("data: a\n\n".utf8) + bytes]).0 == [ServerSentEvent(data: "a")])
    }

    @Test func multiByteCharactersSplitAcrossChunksComeOutWhole() {
        let bytes = Array("data: é😀 ünïcode\n\n".utf8)
        #expect(Self.parse(bytes.map { [$0] }).0 == [ServerSentEvent(data: "é😀 ünïcode")])
        // Invalid UTF-8 becomes U+FFFD rather than failing the stream.
        #expect(Self.parse([Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8)]).0 == [ServerSentEvent(data: "a\u{FFFD}b")])
    }

    @Test func feedsAnyByteContainer() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Data("data: a\n\n".utf8)) == [ServerSentEvent(data: "a")])
        #expect(parser.feed(Array("data: b\n\n".utf8)[...]) == [ServerSentEvent(data: "b")])
        #expect(parser.feed(AnySequence(Array("data: c\n\n".utf8))) == [ServerSentEvent(data: "c")])
    }

    // MARK: - The end of the stream

    @Test func finishReportsAnEventCutShort() {
        #expect(Self.parse("data: a\n\ndata: {\"partial\n").1 == .cutShort(partialEvent: ServerSentEvent(data: "{\"partial")))
        #expect(Self.parse("data: a\n\nevent: x\ndata: {\"par").1 == .cutShort(partialEvent: ServerSentEvent(type: "x", data: "{\"par")))
        #expect(Self.parse("data: a\n\nevent: message_stop\n").1 == .cutShort(partialEvent: nil))
        #expect(Self.parse("data: a\n\nev").1 == .cutShort(partialEvent: nil))
        #expect(Self.parse("data: a\n\n").1 == .complete)
        #expect(Self.parse("data: a\r\n\r\n").1 == .complete)
        #expect(Self.parse("").1 == .complete)
        #expect(Self.parse("data: a\n\n: ping").1 == .complete)
        // The events before the cut are dispatched as usual.
        #expect(Self.parse("data: a\n\ndata: b").0 == [ServerSentEvent(data: "a")])
    }

    @Test func finishResetsTheParser() {
        var parser = ServerSentEventParser()
        _ = parser.feed(Array("id: 7\ndata: a".utf8))
        #expect(parser.finish().isCutShort)
        #expect(parser.feed(Array("data: b\n\n".utf8)) == [ServerSentEvent(data: "b")])
        #expect(parser.finish() == .complete)
    }

    // MARK: - Size

    @Test func megabytesOfEventsInSmallChunksTakeLinearTime() {
        let event = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\(String(repeating: "x", count: 300))\"}}\n\n"
        let count = 20_000
        let bytes = Array(String(repeating: event, count: count).utf8)  // about 7.5 MB
        let clock = ContinuousClock()
        var parsed = 0
        let elapsed = clock.measure {
            var parser = ServerSentEventParser()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 4_093, bytes.count)
                parsed += parser.feed(bytes[offset..<end]).count
                offset = end
            }
            #expect(parser.finish() == .complete)
        }
        #expect(parsed == count)
        // Debug builds run this in well under a second; quadratic copying would take minutes.
        #expect(elapsed < .seconds(10))
    }

    @Test func oneHugeEventArrivingInSmallChunksIsNotCopiedOverAndOver() {
        let payload = String(repeating: "y", count: 8 << 20)
        let bytes = Array("data: \(payload)\ndata: end\n\n".utf8)
        let clock = ContinuousClock()
        var events: [ServerSentEvent] = []
        let elapsed = clock.measure {
            var parser = ServerSentEventParser()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 1_024, bytes.count)
                events += parser.feed(bytes[offset..<end])
                offset = end
            }
        }
        #expect(events.count == 1)
        #expect(events.first?.data.utf8.count == payload.utf8.count + 4)
        #expect(elapsed < .seconds(10))
    }
}
