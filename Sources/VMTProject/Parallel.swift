import Dispatch

/// Work spread over every core, with results in input order whatever the scheduling.
enum Parallel {
    /// `items.map(transform)`, computed concurrently in chunks; the result's order is the input's.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each index is written by exactly one iteration, and read only after all have finished.
        nonisolated(unsafe) let shared = slots
        let chunks = min(items.count, 64)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk
            while index < items.count {
                shared[index] = transform(items[index])
                index += chunks
            }
        }
        return slots.compactMap { $0 }
    }
}
