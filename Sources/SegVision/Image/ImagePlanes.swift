import Foundation
import SegTensor

/// Image ops act on the last two axes; every leading axis ([C], [N, C], or none for label maps)
/// is a stack of independent planes. This describes a tensor in those terms.
struct ImagePlanes {
    let leading: [Int]
    let height: Int
    let width: Int
    var planes: Int { Shape.count(leading) }

    init(_ t: Tensor, op: String) throws {
        guard (2...4).contains(t.rank) else {
            throw VisionError("image.\(op): expected an image [C, H, W], a batch [N, C, H, W] or a label map [H, W] / [N, H, W], got shape \(t.shape)")
        }
        leading = Array(t.shape.dropLast(2))
        height = t.shape[t.rank - 2]
        width = t.shape[t.rank - 1]
    }
}
