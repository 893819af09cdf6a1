import Foundation

/// Where a split's frames and masks are, and how masks encode classes.
struct CamVidLayout {
    enum Kind: Equatable {
        /// `SPLIT/` + `SPLITannot/` grey index masks (SegNet, 11 classes).
        case indexed
        /// `SPLIT/` + `SPLIT_labels/NAME_L.png` RGB masks with a colour table (original 32 classes).
        case colorCoded
    }

    var kind: Kind
    var framePaths: [String]
    var maskPaths: [String]
    /// The colour table file read, if any (class_dict.csv, label_colors.txt or classes.csv).
    var tablePath: String?

    /// Lists and pairs the split's files, naming the file or folder that is missing.
    static func discover(root: String, split: String) throws -> CamVidLayout {
        let fm = FileManager.default
        let frameDir = (root as NSString).appendingPathComponent(split)
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: frameDir, isDirectory: &isDir), isDir.boolValue else {
            throw VisionError("\(frameDir): split folder not found (root \(root), split \"\(split)\")")
        }
        let annotDir = (root as NSString).appendingPathComponent(split + "annot")
        let labelsDir = (root as NSString).appendingPathComponent(split + "_labels")
        let kind: Kind
        let maskDir: String
        if fm.fileExists(atPath: annotDir, isDirectory: &isDir), isDir.boolValue {
            kind = .indexed; maskDir = annotDir
        } else if fm.fileExists(atPath: labelsDir, isDirectory: &isDir), isDir.boolValue {
            kind = .colorCoded; maskDir = labelsDir
        } else {
            throw VisionError("\(annotDir): mask folder not found (nor \(labelsDir)) for split \"\(split)\"")
        }
        let frames = try pngs(in: frameDir)
        let masks = try pngs(in: maskDir)
        guard !frames.isEmpty else { throw VisionError("\(frameDir): no PNG frames in the split folder") }
        let maskName: (String) -> String = { frame in
            kind == .indexed ? frame : (frame as NSString).deletingPathExtension + "_L.png"
        }
        let maskSet = Set(masks)
        for frame in frames where !maskSet.contains(maskName(frame)) {
            throw VisionError("\((frameDir as NSString).appendingPathComponent(frame)): frame has no mask (expected \((maskDir as NSString).appendingPathComponent(maskName(frame))))")
        }
        let expected = Set(frames.map(maskName))
        for mask in masks where !expected.contains(mask) {
            throw VisionError("\((maskDir as NSString).appendingPathComponent(mask)): mask has no frame in \(frameDir)")
        }
        var table: String?
        let candidates = kind == .indexed ? ["classes.csv"] : ["class_dict.csv", "label_colors.txt"]
        for name in candidates {
            let path = (root as NSString).appendingPathComponent(name)
            if fm.fileExists(atPath: path) { table = path; break }
        }
        return CamVidLayout(kind: kind,
                            framePaths: frames.map { (frameDir as NSString).appendingPathComponent($0) },
                            maskPaths: frames.map { (maskDir as NSString).appendingPathComponent(maskName($0)) },
                            tablePath: table)
    }

    private static func pngs(in directory: String) throws -> [String] {
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw VisionError("\(directory): cannot list folder (\(error.localizedDescription))")
        }
        return entries.filter { $0.lowercased().hasSuffix(".png") && !$0.hasPrefix(".") }.sorted()
    }

    /// A hash of every file's path, size and modification time (and the colour table's), so a
    /// cache can tell when the data on disk changed without reading it.
    func fingerprint() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        for path in framePaths + maskPaths + (tablePath.map { [$0] } ?? []) {
            mix(path)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
                mix("\((attributes[.size] as? NSNumber)?.int64Value ?? -1)")
                mix("\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
            }
        }
        return String(hash, radix: 16)
    }
}
