/// The generator's public entry point: validate a spec, draw its values, write its YAML.
public enum ScenarioFile {
    /// Why a spec did not become a file: the one error type of the generator core.
    public enum Failure: Error {
        /// The spec or the drawn scenario breaks the simulator's rules; nothing was written.
        /// The list is never empty.
        case invalid([ValidationIssue])
        /// The file could not be written; any previous file is unchanged.
        case write(FileWriteError)
    }

    /// Validates `spec` and renders its YAML in memory, or returns every broken rule.
    public static func render(_ spec: ScenarioSpec) -> Result<[UInt8], Failure> {
        let issues = Validator.validate(spec)
        guard issues.isEmpty else { return .failure(.invalid(issues)) }
        return ScenarioWriter.bytes(spec)
    }

    /// Validates `spec`, then draws and streams its scenario into a temporary file that replaces
    /// `path` only when everything was written and every rule holds.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, to path: String) -> Result<DrawnValues, Failure> {
        write(spec, display: path) { try AtomicFile.write(to: path, $0) }
    }

    /// As `write(_:to:)`, for a file whose name is bytes that need not be UTF-8 (a name given
    /// on the command line), in the folder `folder`; `display` names it in errors.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, inFolder folder: String, name: [UInt8],
                             display: String) -> Result<DrawnValues, Failure> {
        write(spec, display: display) { try PathWriter.write(inFolder: folder, name: name, display: display, $0) }
    }

    private static func write(_ spec: ScenarioSpec, display path: String,
                              through writeFile: ((ByteSink) throws -> Void) throws -> Void) -> Result<DrawnValues, Failure> {
        let issues = Validator.validate(spec)
        guard issues.isEmpty else { return .failure(.invalid(issues)) }
        var drawn: DrawnValues?
        do {
            try writeFile { drawn = try ScenarioWriter.write(spec, to: $0) }
        } catch let failure as ValidationFailure {
            return .failure(.invalid(failure.issues))
        } catch let error as FileWriteError {
            return .failure(.write(error))
        } catch {
            return .failure(.write(FileWriteError(path: path, reason: "\(error)")))
        }
        // `produce` ran to its end (the write did not throw), so the values were drawn.
        guard let drawn else { return .failure(.write(FileWriteError(path: path, reason: "the scenario was not drawn"))) }
        return .success(drawn)
    }

    /// Validates `spec`, then draws and streams its scenario into `sink` (standard output, for
    /// `generate --output -`). Bytes already handed to the sink stay there when a later rule
    /// fails; the failure is still returned.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, into sink: ByteSink) -> Result<DrawnValues, Failure> {
        let issues = Validator.validate(spec)
        guard issues.isEmpty else { return .failure(.invalid(issues)) }
        do {
            return .success(try ScenarioWriter.write(spec, to: sink))
        } catch let failure as ValidationFailure {
            return .failure(.invalid(failure.issues))
        } catch let error as FileWriteError {
            return .failure(.write(error))
        } catch {
            return .failure(.write(FileWriteError(path: "standard output", reason: "\(error)")))
        }
    }
}
