/// The generator's public entry point: validate a spec, draw its values, write its YAML.
///
/// Each function returns `CoreError` as a `Result` (its callers switch on the outcome):
/// `.invalid` when the spec or the drawn scenario breaks a rule (nothing is kept), `.write` when
/// the file could not be written (any previous file is unchanged).
public enum ScenarioFile {
    /// Validates `spec` and renders its YAML in memory, or returns every broken rule.
    public static func render(_ spec: ScenarioSpec) -> Result<[UInt8], CoreError> {
        if let failure = ValidationFailure(Validator.validate(spec)) { return .failure(.invalid(failure)) }
        return ScenarioWriter.bytes(spec)
    }

    /// Validates `spec`, then draws and streams its scenario into a temporary file that replaces
    /// `path` only when everything was written and every rule holds.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, to path: String) -> Result<DrawnValues, CoreError> {
        write(spec) { produce throws(CoreError) in try AtomicFile.write(to: path, produce) }
    }

    /// As `write(_:to:)`, for a file whose name is bytes that need not be UTF-8 (a name given
    /// on the command line), in the folder `folder`; `display` names it in errors.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, inFolder folder: String, name: [UInt8],
                             display: String) -> Result<DrawnValues, CoreError> {
        write(spec) { produce throws(CoreError) in
            try PathWriter.write(inFolder: folder, name: name, display: display, produce)
        }
    }

    /// Validates `spec`, then draws and streams its scenario into `sink` (standard output, for
    /// `generate --output -`). Bytes already handed to the sink stay there when a later rule
    /// fails; the failure is still returned.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, into sink: ByteSink) -> Result<DrawnValues, CoreError> {
        write(spec) { produce throws(CoreError) in try produce(sink) }
    }

    /// Validates `spec`, then hands `writeFile` the producer that draws and writes it.
    private static func write(_ spec: ScenarioSpec,
                              through writeFile: ((ByteSink) throws(CoreError) -> Void) throws(CoreError) -> Void)
        -> Result<DrawnValues, CoreError> {
        if let failure = ValidationFailure(Validator.validate(spec)) { return .failure(.invalid(failure)) }
        var drawn = DrawnValues(utilities: [], lowestStock: [:])
        return Result { () throws(CoreError) in
            try writeFile { sink throws(CoreError) in drawn = try ScenarioWriter.write(spec, to: sink) }
            // `writeFile` returned without throwing, so the producer ran to its end: `drawn` is set.
            return drawn
        }
    }
}
