// The wire: JSON-RPC 2.0 messages framed by `Content-Length` headers, read from and written to
// file descriptors (stdin and stdout for `vmt-dsl lsp`, pipes in tests). Nothing here knows LSP.
import Foundation
import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `MessageReader.next()` found on the input.
enum Incoming {
    /// One message body (the bytes after the header block).
    case message(Data)
    /// Bytes that are not a well-formed frame; they were skipped, and the text says why.
    case malformed(String)
    /// The input closed (or failed); no more messages.
    case end
}

/// Reads `Content-Length`-framed messages from a file descriptor.
///
/// A header block is lines ending in `\r\n` (a bare `\n` is accepted too), closed by an empty
/// line; only `Content-Length` is read, other headers are ignored. A header block without a
/// valid length, a body longer than `maxBody`, or a header block longer than `maxHeader` is
/// skipped and reported as `.malformed`, and reading goes on with the next header block.
struct MessageReader {
    /// The largest body accepted (64 MiB); a longer one is read and thrown away.
    static let maxBody = 64 << 20
    /// The longest header block accepted; junk without a blank line is dropped past this.
    static let maxHeader = 8192

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var closed = false

    /// A reader of `descriptor` (not closed by the reader).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether a whole message may already be waiting in the buffer (no read needed).
    var hasBufferedBytes: Bool { start < buffer.count }

    /// Whether more input can be read now without blocking (data, or the end of the input).
    var inputReady: Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }

    /// The next message, a skipped malformed frame, or the end of input.
    mutating func next() -> Incoming {
        while true {
            if let (headerEnd, bodyStart) = findHeaderEnd() {
                let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
                start = bodyStart
                guard let length = Self.contentLength(header) else {
                    return .malformed(ServerMessages.badHeader(Self.shown(header)))
                }
                if length > Self.maxBody {
                    discard(length)
                    return .malformed(ServerMessages.bodyTooLarge(length, most: Self.maxBody))
                }
                while buffer.count - start < length {
                    if !fill() {
                        buffer.removeAll()
                        start = 0
                        return .end
                    }
                }
                let body = Data(buffer[start..<(start + length)])
                start += length
                compact()
                return .message(body)
            }
            if buffer.count - start > Self.maxHeader {
                let dropped = buffer.count - start
                buffer.removeAll()
                start = 0
                return .malformed(ServerMessages.bytesWithoutHeader(dropped))
            }
            if !fill() {
                let rest = buffer[start...]
                let blank = rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
                buffer.removeAll()
                start = 0
                return blank ? .end : .malformed(ServerMessages.endInsideHeader)
            }
        }
    }

    /// The end of the header block (`\r\n\r\n` or `\n\n`) and the first byte of the body.
    private func findHeaderEnd() -> (Int, Int)? {
        var index = start
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The value of `Content-Length` in a header block, if it is a non-negative integer.
    static func contentLength(_ header: String) -> Int? {
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard name == "content-length" else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let length = Int(value), length >= 0 else { return nil }
            return length
        }
        return nil
    }

    /// Reads more bytes; false at the end of input or on a read error.
    private mutating func fill() -> Bool {
        if closed { return false }
        compact()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            closed = true
            return false
        }
    }

    /// Throws away `count` body bytes, reading as needed.
    private mutating func discard(_ count: Int) {
        var left = count
        while left > 0 {
            let available = buffer.count - start
            if available == 0 {
                if !fill() { return }
                continue
            }
            let taken = min(left, available)
            start += taken
            left -= taken
            compact()
        }
    }

    private mutating func compact() {
        if start > 0 && (start == buffer.count || start > 65536) {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// At most 80 characters of `text`, control characters made visible (`DisplayText`), for a
    /// log line.
    static func shown(_ text: String) -> String {
        let head = String(String.UnicodeScalarView(text.unicodeScalars.prefix(80)))
        return "'" + DisplayText.visible(head) + (text.unicodeScalars.count > 80 ? "…" : "") + "'"
    }
}

/// Writes framed messages to a file descriptor; after a failed write it stays silent.
struct MessageWriter {
    private let descriptor: Int32
    /// False after a write failed (the client is gone).
    private(set) var isOpen = true

    /// A writer to `descriptor` (not closed by the writer).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes one message: its `Content-Length` header, then the JSON body.
    mutating func send(_ body: Data) {
        guard isOpen else { return }
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes.append(contentsOf: body)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                isOpen = false
                return
            }
        }
    }
}

/// JSON values as Foundation's `JSONSerialization` reads and writes them.
enum JSONValue {
    /// The object in `data`, or a reason why it is not one.
    static func parse(_ data: Data) -> Result<Any, ServerError> {
        do {
            return .success(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            return .failure(.malformedMessage(bytes: data.count))
        }
    }

    /// `value` as compact JSON bytes; nil when it holds something JSON cannot say.
    static func encode(_ value: Any) -> Data? {
        guard JSONSerialization.isValidJSONObject(value) else { return nil }
        return try? JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes, .sortedKeys])
    }
}
