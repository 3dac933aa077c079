/// The generator core: reproduces VMT's reference scenario generator.
public enum VMTCore {
    /// The tool's version, printed by `vmt-dsl --version`.
    public static let version = "0.1.0"
}
