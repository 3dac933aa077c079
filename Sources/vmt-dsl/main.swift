import VMTCommandLine
import VMTCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Interrupted runs remove their temporary files and end by the signal (README, "Guarantees").
TemporaryFiles.installSignalHandlers()
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
