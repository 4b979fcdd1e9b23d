import Testing
import TurnscopeModel

/// How two reports of the same record combine (docs/native-format.md §9).
@Suite struct MergePolicyTests {
    static let early = Timestamp(microseconds: 1_000_000)
    static let late = Timestamp(microseconds: 2_000_000)

    static let incomingIsNewer = MergePolicy(stored: early, incoming: late)
    static let incomingIsOlder = MergePolicy(stored: late, incoming: early)

    @Test func eventTimeDecidesWhichReportIsNewer() {
        #expect(Self.incomingIsNewer.incomingWins)
        #expect(!Self.incomingIsOlder.incomingWins)
        #expect(MergePolicy(stored: Self.early, incoming: Self.early).incomingWins)  // a tie goes to arrival order
    }

    @Test func withoutBothEventTimesArrivalOrderDecides() {
        #expect(MergePolicy(stored: nil, incoming: nil).incomingWins)
        #expect(MergePolicy(stored: Self.late, incoming: nil).incomingWins)
        #expect(MergePolicy(stored: nil, incoming: Self.early).incomingWins)
    }

    @Test func pickTakesTheNewerNonNullValue() {
        let newer = Self.incomingIsNewer
        #expect(newer.pick("stored", "incoming") == "incoming")
        #expect(newer.pick("stored", nil as String?) == "stored")  // absent never clears
        #expect(newer.pick(nil as String?, "incoming") == "incoming")
        #expect(newer.pick(nil as String?, nil as String?) == nil)

        let older = Self.incomingIsOlder
        #expect(older.pick("stored", "incoming") == "stored")
        #expect(older.pick(nil as String?, "incoming") == "incoming")  // an older value still fills a gap
    }

    @Test func anUpdateThatArrivesFirstStillWinsOverItsCreate() {
        // The end-of-call update (later event time) is stored; the create arrives afterwards.
        let policy = MergePolicy(stored: Self.late, incoming: Self.early)
        #expect(policy.pick("final name", "draft name") == "final name")
        #expect(policy.pick(nil as String?, "gpt-4o") == "gpt-4o")
        #expect(policy.first(nil as Timestamp?, Self.early) == Self.early)
    }

    @Test func firstKeepsTheFirstValueWhateverTheOrder() {
        for policy in [Self.incomingIsNewer, Self.incomingIsOlder] {
            #expect(policy.first("t-1", "t-2") == "t-1")
            #expect(policy.first(nil as String?, "t-2") == "t-2")
            #expect(policy.first("t-1", nil as String?) == "t-1")
        }
    }

    @Test func tagsAreASortedUnion() {
        let policy = Self.incomingIsOlder  // order does not matter for tags
        #expect(policy.tags(["b", "a"], ["c", "a"]) == ["a", "b", "c"])
        #expect(policy.tags(nil, ["z", "y", "z"]) == ["y", "z"])
        #expect(policy.tags(["a", "b"], nil) == ["a", "b"])
        #expect(policy.tags(nil, nil) == nil)
        #expect(Self.incomingIsNewer.tags(["b"], ["a"]) == ["a", "b"])
    }

    @Test func metadataObjectsAreMergedDeeply() {
        let stored: JSONValue = ["attempt": 1, "keep": "me", "nested": ["x": 1, "y": 2, "deeper": ["a": 1]]]
        let incoming: JSONValue = ["finish_reason": "stop", "nested": ["y": 3, "z": 4, "deeper": ["b": 2]]]
        #expect(
            Self.incomingIsNewer.metadata(stored, incoming)
                == ["attempt": 1, "keep": "me", "finish_reason": "stop", "nested": ["x": 1, "y": 3, "z": 4, "deeper": ["a": 1, "b": 2]]])
        // An older report adds what is new but loses every conflict.
        #expect(
            Self.incomingIsOlder.metadata(stored, incoming)
                == ["attempt": 1, "keep": "me", "finish_reason": "stop", "nested": ["x": 1, "y": 2, "z": 4, "deeper": ["a": 1, "b": 2]]])
    }

    @Test func metadataThatIsNotAnObjectIsReplacedWhole() {
        let newer = Self.incomingIsNewer
        #expect(newer.metadata(["a": 1], "text") == "text")
        #expect(newer.metadata("text", ["a": 1]) == ["a": 1])
        #expect(newer.metadata([1, 2], [3]) == [3])  // arrays are not concatenated
        #expect(newer.metadata(["list": [1, 2]], ["list": [3]]) == ["list": [3]])
        #expect(newer.metadata(["a": 1], nil) == ["a": 1])
        #expect(newer.metadata(nil, ["a": 1]) == ["a": 1])
        #expect(Self.incomingIsOlder.metadata("old", "older") == "old")
    }
}
