import Testing
import TurnscopeModel

@Suite("Browse filter words")
struct BrowseFilterTests {
    let now = Timestamp(iso8601: "2026-11-22T16:00:00Z")!

    @Test("every filter word is read, and the text shown is what was typed")
    func parse() throws {
        let filter = try BrowseFilter.parse("model:sonnet  user:alice tag:prod errors cost>0.05 since:2h until:2026-11-23", now: now)
        #expect(filter.model == "sonnet")
        #expect(filter.user == "alice")
        #expect(filter.tag == "prod")
        #expect(filter.errorsOnly)
        #expect(filter.minimumCost == 0.05)
        #expect(filter.since == Timestamp(iso8601: "2026-11-22T14:00:00Z"))
        #expect(filter.until == Timestamp(iso8601: "2026-11-23T00:00:00Z"))
        #expect(filter.text == "model:sonnet user:alice tag:prod errors cost>0.05 since:2h until:2026-11-23")
        #expect(!filter.isEmpty)
        #expect(try BrowseFilter.parse("  ", now: now).isEmpty)
    }

    @Test("a typo is an error naming the word, never a silently different list")
    func errors() {
        #expect(throws: BrowseFilterError.self) { try BrowseFilter.parse("modle:x", now: now) }
        #expect(throws: BrowseFilterError.self) { try BrowseFilter.parse("cost>cheap", now: now) }
        #expect(throws: BrowseFilterError.self) { try BrowseFilter.parse("since:yesterday", now: now) }
        do {
            _ = try BrowseFilter.parse("errors user:", now: now)
            Issue.record("an empty value must be refused")
        } catch {
            #expect(error.description.hasPrefix("user:"))
        }
    }
}
