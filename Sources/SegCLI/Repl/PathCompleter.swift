import Foundation

/// Completes file paths relative to the working directory, `~` included; directories end in `/`.
enum PathCompleter {
    /// Paths that start with `prefix`, spelled as the user typed the directory part.
    static func candidates(for prefix: String, fileManager: FileManager = .default) -> [String] {
        let directoryPart: String
        let partial: String
        if let slash = prefix.lastIndex(of: "/") {
            directoryPart = String(prefix[...slash])
            partial = String(prefix[prefix.index(after: slash)...])
        } else {
            directoryPart = ""
            partial = prefix
        }
        let listed = directoryPart.isEmpty ? "." : expandTilde(directoryPart)
        guard let names = try? fileManager.contentsOfDirectory(atPath: listed) else { return [] }
        var results: [String] = []
        for name in names where name.hasPrefix(partial) {
            if name.hasPrefix("."), !partial.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            let full = (listed as NSString).appendingPathComponent(name)
            _ = fileManager.fileExists(atPath: full, isDirectory: &isDirectory)
            results.append(directoryPart + name + (isDirectory.boolValue ? "/" : ""))
        }
        return results.sorted()
    }

    private static func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        return (path as NSString).expandingTildeInPath
    }
}
