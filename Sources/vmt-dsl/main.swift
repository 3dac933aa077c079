import VMTCommandLine
import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Interrupted runs remove their temporary files and end by the signal (README, "Guarantees").
TemporaryFiles.installSignalHandlers()

// The arguments as bytes: a name that is not UTF-8 must reach `generate` unchanged.
let rawArguments: [[UInt8]] = (1..<Int(CommandLine.argc)).map { index in
    guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
}
exit(CommandLineTool.main(rawArguments: rawArguments))
