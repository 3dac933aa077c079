/// Where a writer's bytes go: memory, or a file descriptor.
public protocol ByteSink: AnyObject {
    /// Takes `bytes`; throws `CoreError.write` when they cannot be stored (disk full, closed file).
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError)
}

extension ByteSink {
    /// Takes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(CoreError) {
        try bytes.withUnsafeBufferPointer { buffer throws(CoreError) in try write(buffer) }
    }

    /// Takes the UTF-8 bytes of `text`.
    public func write(utf8 text: String) throws(CoreError) {
        var text = text
        // `withUTF8` rethrows untyped: carry the typed error out as a value.
        let written: Result<Void, CoreError> = text.withUTF8 { bytes in
            Result { () throws(CoreError) in try write(bytes) }
        }
        try written.get()
    }
}

/// A sink that keeps everything in memory.
public final class MemorySink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty sink.
    public init() {}

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A buffered writer of bytes into a `ByteSink`, with the few formatting helpers the YAML
/// writer needs. Integers are formatted by hand straight into the buffer: no `String` per value
/// in the hot loop.
public final class ByteWriter {
    private let sink: ByteSink
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0

    /// A writer that hands `sink` its bytes in chunks of about `capacity`.
    public init(sink: ByteSink, capacity: Int = 1 << 16) {
        self.sink = sink
        self.capacity = max(capacity, 64)
        buffer = .allocate(capacity: self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Makes room for `needed` more bytes (at most 64), flushing if the buffer is too full.
    @inline(__always)
    private func reserve(_ needed: Int) throws(CoreError) {
        if count + needed > capacity { try flush() }
    }

    /// Appends one byte.
    @inline(__always)
    public func writeByte(_ byte: UInt8) throws(CoreError) {
        try reserve(1)
        buffer[count] = byte
        count += 1
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(CoreError) {
        var text = text
        // `withUTF8` rethrows untyped: carry the typed error out as a value.
        let written: Result<Void, CoreError> = text.withUTF8 { utf8 in
            Result { () throws(CoreError) in
                if utf8.count > capacity {
                    try flush()
                    try sink.write(utf8)
                    return
                }
                try reserve(utf8.count)
                if let base = utf8.baseAddress { (buffer + count).update(from: base, count: utf8.count) }
                count += utf8.count
            }
        }
        try written.get()
    }

    /// Appends `value` in decimal.
    @inline(__always)
    public func write(_ value: Int) throws(CoreError) {
        try reserve(20)
        if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var index = count + digits - 1
        repeat {
            buffer[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
            index -= 1
        } while magnitude > 0
        count += digits
    }

    /// Hands everything buffered to the sink.
    public func flush() throws(CoreError) {
        guard count > 0 else { return }
        let pending = count
        count = 0
        try sink.write(UnsafeBufferPointer(start: buffer, count: pending))
    }
}
