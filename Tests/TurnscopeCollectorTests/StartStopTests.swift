import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TurnscopeCollector

@Suite struct StartStopTests {
    @Test func startsOnAFreePortReportsItAndStops() async throws {
        let harness = try CollectorHarness(configuration: .init(port: 0))
        let port = try await harness.collector.start()
        #expect(port > 0)
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/api/public/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("OK"))
        await harness.collector.stop()
    }

    @Test func aTakenPortIsReportedNotFatal() async throws {
        let first = try CollectorHarness(configuration: .init(port: 0))
        let port = try await first.collector.start()
        let second = try CollectorHarness(configuration: .init(port: port))
        await #expect {
            _ = try await second.collector.start()
        } throws: { error in
            "\(error)".contains("\(port)")
        }
        await first.collector.stop()
    }
}
