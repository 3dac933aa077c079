/// The generator's public entry point: validate a spec, draw its values, write its YAML.
public enum ScenarioFile {
    /// Why a spec did not become a file.
    public enum Failure: Error {
        /// The spec or the drawn scenario breaks the simulator's rules; nothing was written.
        case invalid([ValidationIssue])
        /// The file could not be written; any previous file is unchanged.
        case write(FileWriteError)
    }

    /// Validates `spec` and generates its scenario, or returns every broken rule.
    public static func generate(_ spec: ScenarioSpec) -> Result<Scenario, Failure> {
        let specIssues = Validator.validate(spec)
        guard specIssues.isEmpty else { return .failure(.invalid(specIssues)) }
        let scenario = Generator.generate(spec)
        let scenarioIssues = Validator.validate(scenario)
        guard scenarioIssues.isEmpty else { return .failure(.invalid(scenarioIssues)) }
        return .success(scenario)
    }

    /// Validates, generates and atomically writes `spec`'s scenario to `path`.
    @discardableResult
    public static func write(_ spec: ScenarioSpec, to path: String) -> Result<Scenario, Failure> {
        switch generate(spec) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let scenario):
            do {
                try AtomicFile.write(to: path) { try ScenarioWriter.write(scenario, to: $0) }
            } catch let error as FileWriteError {
                return .failure(.write(error))
            } catch {
                return .failure(.write(FileWriteError(path: path, reason: "\(error)")))
            }
            return .success(scenario)
        }
    }
}
