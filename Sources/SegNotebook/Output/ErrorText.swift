import Foundation

/// Turns file-system errors (Foundation's Cocoa errors, POSIX errors) into the reason part of a
/// sentence about the user's file, such as "permission denied" or "no such folder", so no raw
/// `NSCocoaErrorDomain Code=512 "(null)"` reaches a user.
public enum FileErrorText {
    /// A short lower-case reason for `error`, without the path (the caller names the file).
    public static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return posixReason(posix.code.rawValue) }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return posixReason(Int32(truncatingIfNeeded: nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posixReason(Int32(truncatingIfNeeded: underlying.code))
        }
        if nsError.domain == NSCocoaErrorDomain, let reason = cocoaReason(nsError.code) { return reason }
        return "the file system refused (error \(nsError.code))"
    }

    /// The reason for an `errno` value, from the C library (`strerror`), lower-cased.
    public static func posixReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOSPC: return "no space left on the device"
        case EISDIR: return "it is a folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EEXIST: return "it already exists"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            let message = String(cString: text)
            return message.prefix(1).lowercased() + message.dropFirst()
        }
    }

    private static func cocoaReason(_ code: Int) -> String? {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteFileExists: return "it already exists"
        case .fileWriteInvalidFileName: return "the name is not a valid file name"
        case .fileReadTooLarge: return "it is too large to read"
        case .fileReadCorruptFile: return "its content is corrupt"
        case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding: return "it is not text in the expected encoding"
        case .fileWriteUnknown: return "it could not be written (the folder may not exist or not be writable)"
        case .fileReadUnknown: return "it could not be read"
        default: return nil
        }
    }
}

extension FileErrorText {
    /// Why writing `path` failed, naming the folder when it is the folder's fault (missing, not
    /// a folder, not writable), else the reason for `error`.
    public static func writeReason(_ error: Error, path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) { return "the folder \(folder) does not exist" }
        if !isFolder.boolValue { return "\(folder) is not a folder" }
        if !FileManager.default.isWritableFile(atPath: folder) { return "the folder \(folder) is not writable" }
        return reason(error)
    }
}

/// Any error as text for a user: a file-system error becomes its reason, an error that
/// describes itself gives its description, so no Swift structure dump reaches a message.
public enum ErrorText {
    /// The text of `error`.
    public static func describe(_ error: Error) -> String {
        if error is CocoaError || error is POSIXError { return FileErrorText.reason(error) }
        let domain = (error as NSError).domain
        if domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain { return FileErrorText.reason(error) }
        // Every error here describes itself (file-system errors were handled above).
        return String(describing: error)
    }
}

extension CellFailure: CustomStringConvertible {
    /// The message with its cell-relative line and column when known.
    public var description: String {
        guard let line else { return message }
        return "\(message) (line \(line)\(column.map { ", column \($0)" } ?? ""))"
    }
}
