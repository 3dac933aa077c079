// Writing to standard output and standard error without trapping: a full disk or a closed pipe
// is an error to report, never a crash.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard output and standard error, written with `write(2)` loops.
///
/// Foundation's `FileHandle.write` traps when the write fails; these throw a `CoreError.write`
/// instead (`ENOSPC`, `EPIPE` when SIGPIPE is ignored, `EBADF` for a closed stream), so the
/// caller decides: the command line reports it and exits with status 1.
public enum StandardStream: Int32, Sendable {
    /// Descriptor 1.
    case output = 1
    /// Descriptor 2.
    case error = 2

    /// "standard output" or "standard error", for messages.
    public var name: String { CoreMessages.streamName(self) }

    /// Writes all of `text`'s UTF-8 bytes, retrying after `EINTR` and short writes.
    /// - Throws: `CoreError.write` naming the stream, with the system's reason.
    public func write(_ text: String) throws(CoreError) {
        try FileDescriptorSink(descriptor: rawValue, path: name).write(utf8: text)
    }

    /// Writes `bytes`; see `write(_:)` for text.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CoreError) {
        try FileDescriptorSink(descriptor: rawValue, path: name).write(bytes)
    }
}
