import Foundation

/// A fresh folder under the system's temporary directory, removed with everything in it when
/// the value is released (at the end of the test that holds it).
public final class ScratchFolder: @unchecked Sendable {
    /// The folder.
    public let url: URL
    /// The folder's path.
    public var path: String { url.path }

    /// Creates `segnb-<prefix>-<uuid>` in the temporary directory.
    public init(_ prefix: String = "tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("segnb-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The URL of `name` inside the folder (which need not exist).
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` inside the folder (creating intermediate folders); its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try write(Data(text.utf8), to: name)
    }

    /// Writes `data` to `name` inside the folder (creating intermediate folders); its path.
    @discardableResult
    public func write(_ data: Data, to name: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target.path
    }

    /// Creates the folder `name` inside this one; its URL.
    @discardableResult
    public func folder(_ name: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        return target
    }
}

/// A scratch HOME, XDG_STATE_HOME and working folder for one run of segnb, so that nothing a
/// test does reaches the real home directory or depends on it.
public final class ScratchHome: @unchecked Sendable {
    /// Holds the three folders and the readline settings.
    public let scratch: ScratchFolder
    /// The root of the scratch tree.
    public var root: URL { scratch.url }
    /// $HOME.
    public var home: URL { scratch.file("home") }
    /// $XDG_STATE_HOME.
    public var state: URL { scratch.file("state") }
    /// The working directory.
    public var work: URL { scratch.file("work") }

    /// Creates the folders and an inputrc that keeps readline's output plain.
    public init() throws {
        scratch = try ScratchFolder("cli")
        for name in ["home", "state", "work"] { try scratch.folder(name) }
        try scratch.write("set enable-bracketed-paste off\nset bell-style none\n", to: "inputrc")
    }

    /// Writes `text` to `name` in the work folder; its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try scratch.write(text, to: "work/" + name)
    }

    /// The environment segnb runs with: only what it needs, so that the test is reproducible.
    public func environment() -> [String: String] {
        ["HOME": home.path, "XDG_STATE_HOME": state.path, "TERM": "xterm-256color",
         "INPUTRC": scratch.file("inputrc").path, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
    }
}
