/// Where a writer's bytes go: memory, or a file descriptor.
public protocol ByteSink: AnyObject {
    /// Takes `bytes`; throws when they cannot be stored (disk full, closed file).
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// A sink that keeps everything in memory.
public final class MemorySink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty sink.
    public init() {}

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A buffered writer of bytes into a `ByteSink`, with the few formatting helpers the YAML
/// writer needs. Integers are formatted by hand: no `String` per value in hot loops.
public struct ByteWriter {
    private let sink: ByteSink
    private var buffer: [UInt8]
    private let capacity: Int

    /// A writer that hands `sink` its bytes in chunks of `capacity`.
    public init(sink: ByteSink, capacity: Int = 1 << 16) {
        self.sink = sink
        self.capacity = capacity
        buffer = []
        buffer.reserveCapacity(capacity + 64)
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func writeByte(_ byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    /// Appends `value` in decimal.
    public mutating func write(_ value: Int) throws {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, filled from the end
        try withUnsafeMutableBytes(of: &digits) { raw in
            var index = raw.count
            repeat {
                index -= 1
                raw[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.append(contentsOf: raw[index...])
            if buffer.count >= capacity { try flush() }
        }
    }

    /// Hands everything buffered to the sink.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
