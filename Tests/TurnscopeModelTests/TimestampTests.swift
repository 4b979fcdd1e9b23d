import Foundation
import Testing
import TurnscopeModel

/// ISO-8601 timestamps: the forms clients send, the form exports write, and what is refused.
@Suite struct TimestampTests {
    /// 2026-11-20T09:00:00Z, in microseconds since the epoch.
    static let base: Int64 = 1_795_165_200_000_000

    struct Parse: Sendable, CustomTestStringConvertible {
        var text: String
        var microseconds: Int64
        var testDescription: String { text }
    }

    static let accepted: [Parse] = [
        Parse(text: "2026-11-20T09:00:00Z", microseconds: base),
        Parse(text: "2026-11-20T09:00Z", microseconds: base),
        Parse(text: "2026-11-20T09:00:00.123456Z", microseconds: base + 123_456),
        Parse(text: "2026-11-20T09:00:00.123Z", microseconds: base + 123_000),
        Parse(text: "2026-11-20T09:00:00.5Z", microseconds: base + 500_000),
        Parse(text: "2026-11-20T09:00:00.0000009Z", microseconds: base),  // beyond the microsecond: dropped
        Parse(text: "2026-11-20T09:00:00.1234569Z", microseconds: base + 123_456),  // dropped, not rounded
        Parse(text: "2026-11-20T10:00:00+01:00", microseconds: base),
        Parse(text: "2026-11-20T10:00:00.5+01:00", microseconds: base + 500_000),
        Parse(text: "2026-11-20T03:30:00-05:30", microseconds: base),
        Parse(text: "2026-11-19T23:00:00-10:00", microseconds: base),
        Parse(text: "2026-11-20T09:00:00+00:00", microseconds: base),
        Parse(text: "1970-01-01T00:00:00Z", microseconds: 0),
        Parse(text: "1969-12-31T23:59:59.999999Z", microseconds: -1),
        Parse(text: "1969-07-20T20:17:40Z", microseconds: -14_182_940_000_000),
        Parse(text: "1900-01-01T00:00:00Z", microseconds: -2_208_988_800_000_000),
        Parse(text: "2024-02-29T23:59:59Z", microseconds: 1_709_251_199_000_000),
        Parse(text: "2000-03-01T00:00:00Z", microseconds: 951_868_800_000_000),
    ]

    @Test(arguments: accepted)
    func parses(_ parse: Parse) throws {
        let timestamp = try #require(Timestamp(iso8601: parse.text))
        #expect(timestamp.microseconds == parse.microseconds)
    }

    @Test(arguments: [
        "2026-11-20T09:00:00",  // no zone: a naive local time would shift by hours
        "2026-11-20T09:00:00.123",
        "2026-11-20T09:00:00z",  // lower-case z
        "2026-11-20t09:00:00Z",  // lower-case t
        "2026-11-20 09:00:00Z",  // space instead of T
        "2026-11-20T09:00:00+0000",  // offset without a colon
        "2026-11-20T09:00:00+01",
        "2026-11-20",  // a date alone
        "",
        "2026-11-20T09:00:00.Z",  // a dot without digits
        "2026-11-20T09:00:00ZZ",
        " 2026-11-20T09:00:00Z",
        "2026-11-20T09:00:00Z ",
        "2026-11-20T9:00:00Z",
        "26-11-20T09:00:00Z",
        "2026/11/20T09:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T09:60:00Z",
        "2026-02-31T00:00:00Z",  // no such day
        "2025-02-29T00:00:00Z",  // not a leap year
        "2026-04-31T00:00:00Z",
        "2026-11-20T09:00:00+99:99",  // offset out of range
        "2026-11-20T09:00:00+24:00",
        "1795165200",
    ])
    func refuses(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func acceptsLeapDaysAndHoldsALeapSecondInItsMinute() {
        #expect(Timestamp(iso8601: "2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp(iso8601: "2000-02-29T00:00:00Z") != nil)
        #expect(Timestamp(iso8601: "2016-12-31T23:59:60Z")?.iso8601 == "2016-12-31T23:59:59.999999Z")
    }

    @Test func formatsUTCWithSixDigits() {
        #expect(Timestamp(microseconds: Self.base).iso8601 == "2026-11-20T09:00:00.000000Z")
        #expect(Timestamp(microseconds: Self.base + 123_456).iso8601 == "2026-11-20T09:00:00.123456Z")
        #expect(Timestamp(microseconds: Self.base + 1).iso8601 == "2026-11-20T09:00:00.000001Z")
        #expect(Timestamp(microseconds: 0).iso8601 == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microseconds: 1_709_251_199_000_000).iso8601 == "2024-02-29T23:59:59.000000Z")
    }

    @Test func formatsDatesBefore1970() {
        #expect(Timestamp(microseconds: -1).iso8601 == "1969-12-31T23:59:59.999999Z")
        #expect(Timestamp(microseconds: -1_500_000).iso8601 == "1969-12-31T23:59:58.500000Z")
        #expect(Timestamp(microseconds: -86_400_000_000).iso8601 == "1969-12-31T00:00:00.000000Z")
        #expect(Timestamp(microseconds: -14_182_940_000_000).iso8601 == "1969-07-20T20:17:40.000000Z")
        #expect(Timestamp(microseconds: -2_208_988_800_000_000).iso8601 == "1900-01-01T00:00:00.000000Z")
    }

    @Test(arguments: [
        Int64(0), -1, 1, -999_999, -1_000_000, -1_000_001, -86_400_000_000, 951_782_400_123_456,
        -2_208_988_800_000_001, 1_795_165_200_000_000, 4_102_444_799_999_999,
    ])
    func formatThenParseIsTheSameInstant(_ microseconds: Int64) throws {
        let timestamp = Timestamp(microseconds: microseconds)
        #expect(Timestamp(iso8601: timestamp.iso8601) == timestamp, "\(timestamp.iso8601)")
    }

    @Test func codableUsesTheISOForm() throws {
        let timestamp = Timestamp(microseconds: Self.base + 250_000)
        let encoded = try JSONEncoder().encode([timestamp])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-11-20T09:00:00.250000Z"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: encoded) == [timestamp])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data(#"["2026-11-20T09:00:00"]"#.utf8))
        }
    }
}
