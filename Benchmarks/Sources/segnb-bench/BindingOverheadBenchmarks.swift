import Foundation
import SegBindings
import SegNN
import SegScript
import SegTensor

/// Issue 5: a UNet training step driven from Seg must cost no more than 2% over the same step
/// called from Swift. Both drive the very same model, optimizer and batch (taken out of the Seg
/// environment), alternating step by step so machine load hits both alike.
func runBindingOverheadBenchmarks(_ arguments: [String]) {
    let filters = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    guard filters.isEmpty || filters.contains("bindings") else { return }
    setComputeThreads(2)
    print("== bindings: UNet train step from Seg vs from Swift (base 16, depth 4, batch 8, 192x256) ==")
    do {
        let interpreter = Interpreter(registry: Bindings.makeRegistry(), sink: CollectingSink())
        _ = try interpreter.evaluate("""
        seed(0)
        let model = nn.unet(in_channels: 3, classes: 12, base: 16, depth: 4)
        let opt = nn.adam(model.parameters(), lr: 0.001)
        let x = randn([8, 3, 192, 256])
        let y = (rand([8, 192, 256]) * 12).astype("int32")
        fn train_step() {
            opt.zero_grad()
            nn.cross_entropy(model(x), y, ignore_index: 11).backward()
            opt.step()
        }
        """, name: "bench.seg")
        guard case .object(let modelObject)? = interpreter.global("model"), let layer = modelObject as? LayerObject,
              case .object(let optimizerObject)? = interpreter.global("opt"), let adam = optimizerObject as? OptimizerObject,
              case .object(let xObject)? = interpreter.global("x"), let x = (xObject as? TensorObject)?.tensor,
              case .object(let yObject)? = interpreter.global("y"), let y = (yObject as? TensorObject)?.tensor
        else {
            print("bindings: could not find the model, optimizer or batch in the Seg environment")
            return
        }
        func swiftStep() throws {
            adam.optimizer.zeroGrad()
            try NN.crossEntropy(layer.module(x), y, ignoreIndex: 11).backward()
            try adam.optimizer.step()
        }
        func segStep() throws { _ = try interpreter.evaluate("train_step()", name: "bench.seg") }
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        try swiftStep(); try segStep()   // warm-up: workspaces and optimizer state
        var swiftTimes: [Double] = [], segTimes: [Double] = []
        for _ in 0..<7 {
            swiftTimes.append(try seconds(swiftStep))
            segTimes.append(try seconds(segStep))
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let ratio = median(segTimes) / median(swiftTimes)
        print(String(format: "train step: Seg %.1f ms, Swift %.1f ms (medians of 7), Seg/Swift %.3f (target <= 1.02)",
                     median(segTimes) * 1000, median(swiftTimes) * 1000, ratio))
    } catch {
        print("bindings: \(error)")
    }
}
