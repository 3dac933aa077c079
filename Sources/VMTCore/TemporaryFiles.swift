// This run's temporary files: registered before they are created, removed by the signal handlers
// when the run is interrupted; and the leftovers of earlier runs that were killed outright.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files of this process, and the stale ones of dead processes.
///
/// Every temporary file the tool creates is named `.vmt-dsl.tmp-PID-N` (PID: the creating
/// process, N: a counter) and lives in the folder of the file it will replace. It is entered in a
/// fixed, preallocated table (a folder descriptor and the name) *before* it is created and left
/// there until it has been renamed or removed, so an interrupted run always knows what to remove.
///
/// `installSignalHandlers()` (called by the executable) makes SIGINT, SIGTERM and SIGHUP (and
/// SIGPIPE, when it is not ignored) remove those files with `unlinkat` (async-signal-safe, from
/// the table, no allocation), then re-raise the signal with its default action: the process ends
/// by that signal, which a shell reports as 128+N (130, 143, 129, 141).
///
/// A run killed by SIGKILL cannot clean up. Its files are *stale*: their PID is not a live
/// process, or they have not been modified for `staleAge` seconds. `staleTemporaryFiles(in:)`
/// finds them and `removeStaleTemporaryFiles(in:)` removes them.
public enum TemporaryFiles {
    /// The start of every temporary file's name.
    public static let prefix = ".vmt-dsl.tmp-"
    /// Seconds without modification after which a temporary file of a live process (a reused
    /// PID, another PID namespace) is stale all the same: one hour.
    public static let staleAge: Double = 3600

    /// How many temporary files may be open at once; a file beyond that is still written, but a
    /// signal would leave it behind (and the next build removes it as stale).
    static let slotCount = 1024
    /// Room for one name with its NUL: `.vmt-dsl.tmp-` + two 20-digit numbers fits easily.
    static let nameCapacity = 64

    /// One temporary file in the table.
    public struct Registration: Sendable {
        let slot: Int
    }

    /// Enters a new temporary file's name for the folder open as `folder`, to be created next.
    /// Returns the name and the registration that `release` takes once the name is gone.
    static func register(folder: Int32) -> (name: String, registration: Registration?) {
        let table = Table.shared
        table.lock.lock()
        defer { table.lock.unlock() }
        table.counter &+= 1
        let name = prefix + "\(table.processID)-\(table.counter)"
        guard let slot = (0..<slotCount).first(where: { table.folders[$0] < 0 }) else { return (name, nil) }
        let bytes = Array(name.utf8.prefix(nameCapacity - 1))
        let start = table.names + slot * nameCapacity
        for (index, byte) in bytes.enumerated() { start[index] = CChar(bitPattern: byte) }
        start[bytes.count] = 0
        table.folders[slot] = folder
        return (name, Registration(slot: slot))
    }

    /// Takes a file out of the table: it was renamed into place, or removed.
    static func release(_ registration: Registration?) {
        guard let registration else { return }
        let table = Table.shared
        table.lock.lock()
        table.folders[registration.slot] = -1
        table.lock.unlock()
    }

    /// Whether a signal handler has started removing this run's files (the process is ending).
    static var isStopping: Bool { Table.shared.stopping.pointee != 0 }

    /// Removes every registered temporary file now: the signal handler's work, callable by a
    /// command that is about to exit because its output stream failed. Async-signal-safe.
    public static func removeAll() {
        let table = Table.shared
        table.stopping.pointee = 1
        for slot in 0..<slotCount {
            let folder = table.folders[slot]
            if folder >= 0 { unlinkat(folder, table.names + slot * nameCapacity, 0) }
        }
    }

    /// The signals whose arrival removes this run's temporary files before the process ends.
    public static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// Installs the handlers for `handledSignals` (each a `sigaction`). A signal that is ignored
    /// when the process starts (`nohup`, a shell's background job, SIGPIPE ignored by the parent)
    /// stays ignored. Call once, early, from the executable.
    public static func installSignalHandlers() {
        _ = Table.shared  // built now, never inside a handler
        for signal in handledSignals {
            var previous = sigaction()
            guard sigaction(signal, nil, &previous) == 0, !isIgnored(previous) else { continue }
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handleSignal
            #elseif canImport(Darwin)
            action.__sigaction_u.__sa_handler = handleSignal
            #endif
            sigaction(signal, &action, nil)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #elseif canImport(Darwin)
        let handler = action.__sigaction_u.__sa_handler
        #endif
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Stale temporary files in `folder` (and, when `recursive`, below it, without following
    /// links, at most 64 levels deep), as paths that begin with `folder`; empty when the folder
    /// does not exist.
    public static func staleTemporaryFiles(in folder: String, recursive: Bool = true) -> [String] {
        var found: [String] = []
        visit(folder, recursive: recursive) { _, path, entry in
            if isStale(entry) { found.append(path) }
        }
        return found
    }

    /// Removes the stale temporary files under `folder` (see `staleTemporaryFiles(in:)`) and
    /// returns the paths removed.
    @discardableResult
    public static func removeStaleTemporaryFiles(in folder: String, recursive: Bool = true) -> [String] {
        var removed: [String] = []
        visit(folder, recursive: recursive) { parent, path, entry in
            if isStale(entry), unlinkat(parent, Folders.cString(entry.name), 0) == 0 { removed.append(path) }
        }
        return removed
    }

    /// Whether `entry` is a temporary file of a dead process, or one untouched for `staleAge`.
    static func isStale(_ entry: FolderEntry) -> Bool {
        guard entry.name.starts(with: prefix.utf8), Folders.isKind(entry.info, S_IFREG) else { return false }
        #if canImport(Glibc)
        let modified = Double(entry.info.st_mtim.tv_sec)
        #elseif canImport(Darwin)
        let modified = Double(entry.info.st_mtimespec.tv_sec)
        #endif
        if Double(time(nil)) - modified > staleAge { return true }
        let fields = entry.name.dropFirst(prefix.utf8.count).split(separator: UInt8(ascii: "-"))
        guard fields.count == 2, let pid = pid_t(String(decoding: fields[0], as: UTF8.self)), pid > 0 else { return true }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Calls `body` with each non-folder entry below `folder` (its folder's descriptor, its path
    /// for messages, the entry), descending into real folders only.
    private static func visit(_ folder: String, recursive: Bool, _ body: (Int32, String, FolderEntry) -> Void) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        visit(descriptor, path: folder, depth: recursive ? 0 : 64, body)
        close(descriptor)
    }

    private static func visit(_ descriptor: Int32, path: String, depth: Int, _ body: (Int32, String, FolderEntry) -> Void) {
        guard depth <= 64, let entries = Folders.entries(of: descriptor) else { return }
        for entry in entries {
            let entryPath = path + "/" + FileName.display(entry.name)
            if Folders.isKind(entry.info, S_IFDIR) {
                guard depth < 64 else { continue }
                let child = openat(descriptor, Folders.cString(entry.name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { continue }
                visit(child, path: entryPath, depth: depth + 1, body)
                close(child)
            } else {
                body(descriptor, entryPath, entry)
            }
        }
    }

    /// The table the signal handler reads: raw memory, allocated once, never freed.
    final class Table: @unchecked Sendable {
        static let shared = Table()
        let lock = NSLock()
        let folders: UnsafeMutablePointer<Int32>
        let names: UnsafeMutablePointer<CChar>
        let stopping: UnsafeMutablePointer<Int32>
        let processID = getpid()
        var counter: UInt64 = 0

        private init() {
            folders = .allocate(capacity: slotCount)
            folders.initialize(repeating: -1, count: slotCount)
            names = .allocate(capacity: slotCount * nameCapacity)
            names.initialize(repeating: 0, count: slotCount * nameCapacity)
            stopping = .allocate(capacity: 1)
            stopping.initialize(to: 0)
        }
    }
}

/// The signal handler: remove this run's temporary files, then end by the same signal.
private func handleSignal(_ signal: Int32) {
    TemporaryFiles.removeAll()
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = SIG_DFL
    #elseif canImport(Darwin)
    action.__sigaction_u.__sa_handler = SIG_DFL
    #endif
    sigaction(signal, &action, nil)
    raise(signal)
}
