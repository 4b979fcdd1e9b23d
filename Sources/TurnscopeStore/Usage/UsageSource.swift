/// Where usage totals come from.
public enum UsageSource: Sendable, Hashable {
    /// The sums the writer keeps per UTC day and model (`usage_by_day`), plus the calls themselves
    /// for the part of a day that `since:` or `until:` cuts: a few hundred rows, however many
    /// calls. Answers filters on model, errors and time.
    case aggregate
    /// Every call the filter lets through, summed: answers any filter, and is what the aggregate
    /// must always equal; one pass over every call (about a second at 500,000 calls).
    case calls
}
