import VMTCore

/// The `vmt-dsl` commands.
public enum CommandLineTool {
    /// Runs the tool with `arguments` (without the program name) and returns the exit code.
    public static func main(_ arguments: [String]) -> Int32 {
        print("vmt-dsl \(VMTCore.version)")
        return 0
    }
}
