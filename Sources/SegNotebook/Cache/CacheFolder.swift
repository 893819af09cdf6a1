import Foundation

/// A folder given as the cache that segnb refuses to write into or manage, with the reason.
public struct CacheFolderRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence naming the folder and saying why it is left alone.
    public var description: String
    /// True when the folder holds files segnb did not write (a usage error: the wrong folder was
    /// given); false when it could not be created or written (the run goes on without caching).
    public var isForeignFolder = false
}

/// The cache folder's marker and the names of the files segnb writes in it.
///
/// A cache folder carries a `CACHEDIR.TAG` (the Cache Directory Tagging convention, so backup
/// tools skip it), written when segnb creates the folder. The cache commands touch only files
/// whose names segnb writes (entries, manifests, its own temporaries) in a folder that carries the
/// marker; a folder without the marker is adopted only when everything in it is such a file (a
/// cache written before markers existed, or an empty folder), and anything else is refused.
extension CacheStore {
    /// The marker's file name.
    public static let markerName = "CACHEDIR.TAG"
    /// The signature line the convention requires at the start of the marker.
    static let markerSignature = "Signature: 8a477f597d28d172789f06886806bc55"
    static let markerText = markerSignature + "\n"
        + "# This file is a cache directory tag created by segnb (its notebook result cache).\n"
        + "# For information about cache directory tags, see https://bford.info/cachedir/\n"

    /// `<64 hex digits>.entry`: an entry named by its key.
    static func isEntryName(_ name: String) -> Bool {
        name.hasSuffix(".\(entryExtension)") && isLowerHex(name.dropLast(entryExtension.count + 1), count: 64)
    }

    /// `manifest-<16 hex digits>.json`: a notebook's key manifest.
    static func isManifestName(_ name: String) -> Bool {
        name.hasPrefix("manifest-") && name.hasSuffix(".json") && isLowerHex(name.dropFirst(9).dropLast(5), count: 16)
    }

    /// `tmp-<UUID>` (an entry being written); in a folder that carries the marker, any `tmp-` name.
    static func isTemporaryName(_ name: String, inMarkedFolder marked: Bool = false) -> Bool {
        name.hasPrefix(tempPrefix) && (marked || UUID(uuidString: String(name.dropFirst(tempPrefix.count))) != nil)
    }

    /// A file `cache clear` may delete.
    static func isRemovableName(_ name: String, inMarkedFolder marked: Bool = false) -> Bool {
        isEntryName(name) || isManifestName(name) || isTemporaryName(name, inMarkedFolder: marked)
    }

    private static func isLowerHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Whether the folder carries segnb's marker (or any cache tag with the standard signature).
    var hasMarker: Bool {
        guard let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(Self.markerName).path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: Self.markerSignature.utf8.count)) ?? Data()
        return head == Data(Self.markerSignature.utf8)
    }

    /// Checks that the cache commands may manage the folder: it does not exist (an empty cache),
    /// or it is a folder that carries the marker or holds nothing but cache files. Throws a
    /// refusal naming the folder otherwise; nothing is changed either way.
    public func checkManageable() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw CacheFolderRefusal(description: "\(directory.path) is a file, not a segnb cache folder; nothing was changed",
                                     isForeignFolder: true)
        }
        if hasMarker { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CacheFolderRefusal(description: "cannot list the cache folder \(directory.path): \(FileErrorText.reason(error))")
        }
        let foreign = names.filter { !Self.isRemovableName($0) }.sorted()
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (foreign.count > 3 ? ", ..." : "")
            throw CacheFolderRefusal(description: "\(directory.path) is not a segnb cache folder (it has no \(Self.markerName) and holds "
                                     + "\(shown), which segnb did not write); nothing was changed", isForeignFolder: true)
        }
    }

    /// Makes the folder ready for entries: creates it with its marker, or checks that an existing
    /// folder is a cache (adopting a marker-less one that holds only cache files by adding the marker).
    public func prepareForWriting() throws {
        if !FileManager.default.fileExists(atPath: directory.path) {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw CacheFolderRefusal(description: "cannot create the cache folder \(directory.path): \(FileErrorText.reason(error))")
            }
        }
        try checkManageable()
        guard !hasMarker else { return }
        do {
            try Data(Self.markerText.utf8).write(to: directory.appendingPathComponent(Self.markerName), options: .atomic)
        } catch {
            throw CacheFolderRefusal(description: "cannot write to the cache folder \(directory.path): \(FileErrorText.reason(error))")
        }
    }
}
