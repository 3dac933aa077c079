// swift-tools-version:6.0
// vmt-dsl: recipes in, VMT scenario YAML out. Toolchain only: no package dependencies.
import PackageDescription

let package = Package(
    name: "vmt-dsl",
    // Linux is built and tested; macOS is only expected to compile (see README, "Platforms").
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vmt-dsl", targets: ["vmt-dsl"]),
        .library(name: "VMTCore", targets: ["VMTCore"]),
        .library(name: "VMTRecipe", targets: ["VMTRecipe"]),
        .library(name: "VMTProject", targets: ["VMTProject"]),
        .library(name: "VMTLanguageServer", targets: ["VMTLanguageServer"]),
    ],
    targets: [
        // The generator core: random numbers, presets, utilities, validation, YAML. Knows no recipes.
        .target(name: "VMTCore"),
        // The recipe language: lexer, parser, resolver. Knows no command line.
        .target(name: "VMTRecipe", dependencies: ["VMTCore"]),
        // The project: recipe root, build engine, manifest. Knows no command line.
        .target(name: "VMTProject", dependencies: ["VMTCore", "VMTRecipe"]),
        // The language server (`vmt-dsl lsp`): JSON-RPC over stdio, editor features over the recipe library.
        .target(name: "VMTLanguageServer", dependencies: ["VMTCore", "VMTRecipe", "VMTProject"]),
        // The commands (generate, build, check, ...): flags, files, diagnostics, exit codes.
        .target(name: "VMTCommandLine", dependencies: ["VMTCore", "VMTRecipe", "VMTProject", "VMTLanguageServer"]),
        // The executable: a thin shell around VMTCommandLine.
        .executableTarget(name: "vmt-dsl", dependencies: ["VMTCommandLine"]),
        .testTarget(name: "VMTCoreTests", dependencies: ["VMTCore"]),
        // Its fixtures (golden imported recipes) are read from the source tree through #filePath.
        .testTarget(name: "VMTProjectTests", dependencies: ["VMTProject", "VMTCore", "VMTRecipe"], exclude: ["Fixtures"]),
        // Its fixtures (fmt golden pairs) are read from the source tree through #filePath.
        .testTarget(name: "VMTRecipeTests", dependencies: ["VMTRecipe", "VMTCore"], exclude: ["Fixtures"]),
        .testTarget(name: "VMTLanguageServerTests", dependencies: ["VMTLanguageServer", "VMTRecipe"]),
        .testTarget(
            name: "VMTCommandLineTests",
            dependencies: ["VMTCommandLine", "VMTCore", "VMTRecipe", "VMTProject", "vmt-dsl"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
