/// One request of an ingest load: how long its answer took and how many items (observations or
/// log records) it carried.
struct IngestSample: Sendable {
    var latency: Double
    var items: Int
    /// Which traffic it was (`langfuse`, `otlp`), for per-kind latencies.
    var kind: String
}
