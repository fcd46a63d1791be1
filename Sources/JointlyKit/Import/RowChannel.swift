import Foundation

/// Batches of prepared rows handed from an import's reading thread to its writing one, in
/// order, with at most `capacity` waiting, so a fast reader cannot fill memory ahead of a
/// slow writer.
///
/// The sender calls ``send(_:)`` for each batch and then ``finish(_:)`` once; the receiver
/// calls ``receive()`` until it returns nil and then reads ``end``. Either side may
/// ``cancel()``: the sender's next `send` returns false and it must stop.
final class RowChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [[PreparedItem]] = []
    private var finished: PreparedEnd?
    private var cancelled = false
    private var stopped = false
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// Queues `batch`, waiting while the channel is full; false if the channel was cancelled.
    func send(_ batch: [PreparedItem]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(batch)
        condition.broadcast()
        return true
    }

    /// Marks the end of the batches, with how the sender ended.
    func finish(_ end: PreparedEnd) {
        condition.lock()
        finished = end
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; nil once the sender has finished and all are received.
    func receive() -> [PreparedItem]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && finished == nil && !cancelled { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }

    /// How the sender ended; nil until it has.
    var end: PreparedEnd? {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Asks the sender to stop preparing what it sends (it still reads to the end).
    func stopPreparing() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    /// Whether ``stopPreparing()`` was called.
    var stopsPreparing: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Stops the sender at its next `send`.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
