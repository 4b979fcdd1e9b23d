import Testing
import TurnscopeMirror

@Suite("Mirror gate")
struct MirrorGateTests {
    let keys = ["LANGFUSE_PUBLIC_KEY": "pk-lf-1234567890abcdef", "LANGFUSE_SECRET_KEY": "sk-lf-secret-0987654321"]

    @Test("on only with a host and both keys")
    func allThree() throws {
        let decision = try MirrorGate().decide(environment: keys.merging(["LANGFUSE_HOST": "https://cloud.langfuse.com/"]) { $1 })
        guard case .on(let destination, let warnings) = decision else {
            Issue.record("expected the mirror on, got \(decision)")
            return
        }
        #expect(destination.host == "https://cloud.langfuse.com")
        #expect(destination.publicKey == "pk-lf-1234567890abcdef")
        #expect(warnings.isEmpty)
        #expect(!destination.description.contains("sk-lf"))
        #expect(destination.description == "https://cloud.langfuse.com (pk-lf-…cdef)")
    }

    @Test("keys without a host send nothing and say why once", arguments: [
        [String: String](), ["LANGFUSE_HOST": ""], ["LANGFUSE_BASE_URL": "  "],
    ])
    func keysWithoutHost(extra: [String: String]) throws {
        let decision = try MirrorGate().decide(environment: keys.merging(extra) { $1 })
        #expect(!decision.isOn)
        guard case .off(_, let warning?) = decision else {
            Issue.record("keys without a host must warn")
            return
        }
        #expect(warning.contains("LANGFUSE_HOST"))
        #expect(warning.contains("no default destination"))
    }

    @Test("each missing key keeps it off and is named")
    func missingKeys() throws {
        for missing in ["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"] {
            var environment = keys.merging(["LANGFUSE_HOST": "https://langfuse.example.com"]) { $1 }
            environment[missing] = nil
            let decision = try MirrorGate().decide(environment: environment)
            guard case .off(let reason, _) = decision else {
                Issue.record("\(missing) missing must keep the mirror off")
                continue
            }
            #expect(reason.contains(missing))
        }
    }

    @Test("nothing set: off and silent")
    func nothingSet() throws {
        #expect(try MirrorGate().decide(environment: [:]) == .off(reason: "mirror off", warning: nil))
    }

    @Test("LANGFUSE_BASE_URL counts as the host; two different hosts keep it off")
    func baseURL() throws {
        #expect(try MirrorGate().decide(environment: keys.merging(["LANGFUSE_BASE_URL": "https://us.cloud.langfuse.com"]) { $1 }).isOn)
        let both = keys.merging(["LANGFUSE_HOST": "https://a.example.com", "LANGFUSE_BASE_URL": "https://b.example.com"]) { $1 }
        #expect(try !MirrorGate().decide(environment: both).isOn)
        let same = keys.merging(["LANGFUSE_HOST": "https://a.example.com/", "LANGFUSE_BASE_URL": "https://a.example.com"]) { $1 }
        #expect(try MirrorGate().decide(environment: same).isOn)
    }

    @Test("a host that is not an http(s) URL keeps it off", arguments: ["cloud.langfuse.com", "ftp://x.example.com", "https://"])
    func invalidHost(host: String) throws {
        #expect(try !MirrorGate().decide(environment: keys.merging(["LANGFUSE_HOST": host]) { $1 }).isOn)
    }

    @Test("--mirror turns what is missing into an error; --no-mirror wins over everything")
    func flags() throws {
        #expect(throws: MirrorGateError.self) { try MirrorGate(request: .required).decide(environment: keys) }
        let complete = keys.merging(["LANGFUSE_HOST": "https://cloud.langfuse.com"]) { $1 }
        #expect(try MirrorGate(request: .required).decide(environment: complete).isOn)
        #expect(try !MirrorGate(request: .disabled).decide(environment: complete).isOn)
    }

    @Test("refuses to mirror into its own collector")
    func loop() throws {
        let gate = MirrorGate(collectorAddress: ("127.0.0.1", 4318))
        for host in ["http://127.0.0.1:4318", "http://localhost:4318/"] {
            let decision = try gate.decide(environment: keys.merging(["LANGFUSE_HOST": host]) { $1 })
            guard case .off(let reason, _) = decision else {
                Issue.record("\(host) is the collector itself")
                continue
            }
            #expect(reason.contains("send records to itself"))
        }
        #expect(try gate.decide(environment: keys.merging(["LANGFUSE_HOST": "http://127.0.0.1:3000"]) { $1 }).isOn)
    }

    @Test("plain http to a remote host is allowed with a warning; loopback http is not warned about")
    func plainHTTP() throws {
        let remote = try MirrorGate().decide(environment: keys.merging(["LANGFUSE_HOST": "http://langfuse.internal:3000"]) { $1 })
        guard case .on(_, let warnings) = remote else {
            Issue.record("plain http is allowed")
            return
        }
        #expect(warnings.count == 1 && warnings[0].contains("clear text"))
        let local = try MirrorGate().decide(environment: keys.merging(["LANGFUSE_HOST": "http://localhost:3000"]) { $1 })
        #expect(local == .on(MirrorDestination(host: "http://localhost:3000", publicKey: keys["LANGFUSE_PUBLIC_KEY"]!, secretKey: keys["LANGFUSE_SECRET_KEY"]!), warnings: []))
    }
}
