// swift-tools-version:5.10
// segnb: a Swift notebook environment for semantic segmentation.
// Targets form a DAG: C shims -> SegTensor -> SegNN / SegVision / SegDist; SegScript knows nothing
// about tensors (both share only SegRandom's deterministic generators); SegBindings joins the
// language to the numeric libraries; SegNotebook (the language alone) and SegCLI sit on top.
import PackageDescription

/// Numeric kernels are compiled optimised even in debug builds so that tests on real-sized
/// tensors stay fast; release drops the remaining runtime checks (validation is explicit).
/// SwiftPM refuses unsafe flags in a versioned dependency, so the package publishes no library
/// products: it is the `segnb` tool, not a library for other packages.
let numericSettings: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "segnb",
    products: [
        .executable(name: "segnb", targets: ["segnb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // C libraries from Debian packages, through module maps.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", providers: [.apt(["libopenmpi-dev"])]),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // Our own C: the direct 3x3 convolution's vector kernels, compiled for AVX-512 and AVX2
        // side by side and chosen at run time (Swift cannot target an instruction set per function).
        .target(name: "CNNKernels", cSettings: [.unsafeFlags(["-O3"])]),

        // Deterministic random generators, shared by the numerics and the language.
        .target(name: "SegRandom"),

        // Numerics.
        .target(name: "SegTensor", dependencies: ["SegRandom", "CBLAS"], swiftSettings: numericSettings),
        .target(name: "SegNN", dependencies: ["SegTensor", "SegRandom", "CBLAS", "CNNKernels"], swiftSettings: numericSettings),
        .target(name: "SegVision", dependencies: ["SegTensor", "SegRandom", "CPNG"], swiftSettings: numericSettings),

        // Data-parallel runs over MPI: the one target that calls MPI (SegTensor declares the process group).
        .target(name: "SegDist", dependencies: ["SegTensor", "CMPI"]),

        // The language: knows nothing about tensors.
        .target(name: "SegScript", dependencies: ["SegRandom"], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

        // The built-in table that registers tensor, nn, image, camvid, metrics, plot and display.
        .target(name: "SegBindings", dependencies: ["SegScript", "SegTensor", "SegNN", "SegVision"]),

        // Notebooks: format, runner, cache, report.
        .target(name: "SegNotebook", dependencies: [
            "SegScript", "CCmarkGFM",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Command line and REPL.
        .target(name: "SegCLI", dependencies: [
            "SegNotebook", "SegBindings", "SegScript", "SegVision", "SegTensor", "SegDist", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "segnb", dependencies: ["SegCLI"]),

        // Benchmarks: an executable so that `make bench` runs release code side by side with references.
        .executableTarget(name: "segnb-bench", dependencies: ["SegTensor", "SegNN", "SegVision", "SegScript", "SegBindings", "SegNotebook", "SegDist", "SegRandom", "CBLAS"],
                          path: "Benchmarks/Sources/segnb-bench", swiftSettings: numericSettings),

        // What several test targets share: gradient checking, scratch folders, running the built
        // segnb (alone or under mpirun) and the golden `.seg` script checker.
        .target(name: "SegTestSupport", dependencies: ["SegTensor", "SegScript"], path: "Tests/SegTestSupport"),

        .testTarget(name: "SegRandomTests", dependencies: ["SegRandom"]),
        .testTarget(name: "SegTensorTests", dependencies: ["SegTensor", "SegTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SegNNTests", dependencies: ["SegNN", "SegTensor", "SegRandom", "SegTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SegVisionTests", dependencies: ["SegVision", "SegTensor", "SegRandom", "SegTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SegScriptTests", dependencies: ["SegScript", "SegRandom", "SegTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SegBindingsTests", dependencies: ["SegBindings", "SegScript", "SegTensor", "SegRandom", "SegTestSupport"]),
        .testTarget(name: "SegNotebookTests", dependencies: ["SegNotebook", "SegScript", "SegBindings", "SegTensor", "SegVision", "SegRandom", "SegTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SegCLITests", dependencies: ["SegCLI", "SegTensor", "SegVision", "SegNotebook", "SegRandom", "SegTestSupport"], exclude: ["Snapshots"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SegDistTests", dependencies: ["SegDist", "SegTensor", "SegTestSupport"]),
    ]
)

// libFuzzer harnesses (Fuzz/README.md), declared only when `Fuzz/run.sh` sets SEGNB_FUZZ so that
// ordinary builds and tests never compile them or their sanitizer flags.
if Context.environment["SEGNB_FUZZ"] != nil {
    package.targets += [
        .systemLibrary(name: "CFuzzDriver", path: "Fuzz/Sources/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/Sources/FuzzSupport"),
    ]
    let harnesses: [(name: String, library: Target.Dependency)] = [
        ("lexer", "SegScript"), ("parser", "SegScript"), ("notebook", "SegNotebook"),
        ("png", "SegVision"), ("markdown", "SegNotebook"),
    ]
    for harness in harnesses {
        package.targets.append(.executableTarget(name: "fuzz-\(harness.name)", dependencies: ["FuzzSupport", harness.library],
                                                 path: "Fuzz/Sources/\(harness.name)"))
    }
}
