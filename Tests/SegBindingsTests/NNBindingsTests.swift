import XCTest
@testable import SegScript
import SegTensor
@testable import SegBindings
import SegTestSupport

final class NNBindingsTests: XCTestCase {
    func testUNetForwardAndAdamStepLowersTheLoss() throws {
        let out = try Seg.run("""
        seed(1)
        let model = nn.unet(in_channels: 3, classes: 5, base: 4, depth: 2)
        let x = randn([1, 3, 16, 16])
        let y = (rand([1, 16, 16]) * 5).astype("int32")
        let opt = nn.adam(model.parameters(), lr: 0.01)
        let logits = model(x)
        print(type(model), logits.shape, model.param_count > 0, len(model.parameters()))
        let before = nn.cross_entropy(logits, y)
        opt.zero_grad()
        before.backward()
        opt.step()
        let after = nn.cross_entropy(model(x), y, weight: [1, 1, 1, 1, 2], ignore_index: 255)
        print(after.item() < before.item() * 1.5, before.item() != nn.cross_entropy(model(x), y).item())
        print(nn.dice_loss(model(x), y).shape, type(opt), opt.lr)
        """)
        let lines = out.split(separator: "\n")
        XCTAssertEqual(lines.first?.hasPrefix("Layer [1, 5, 16, 16] true"), true, out)
        XCTAssertEqual(lines.dropFirst().first, "true true", out)
        XCTAssertEqual(lines.last, "[] Optimizer 0.009999999776482582", out)
    }

    func testLayersAndSequentialShareWeights() throws {
        let out = try Seg.run("""
        let conv = nn.conv2d(2, 3, kernel: 3, padding: 1)
        let net = nn.sequential([conv, nn.batchnorm2d(3), nn.relu(), nn.maxpool2d(2), nn.upsample(scale: 2, mode: "nearest"), nn.dropout(0.1), nn.conv_transpose2d(3, 1)])
        print(net(ones([1, 2, 4, 4])).shape, conv.param_count, net.param_count)
        let p = conv.parameters()[0]
        let opt = nn.sgd(net, lr: 0.1)
        net.eval()
        (net(ones([1, 2, 4, 4])).sum()).backward()
        let old = p.sum().item()
        opt.step()
        print(p.sum().item() != old)
        """)
        XCTAssertEqual(out, "[1, 1, 8, 8] 57 76\ntrue\n")
    }

    func testSchedules() throws {
        let out = try Seg.run("""
        let w = zeros([2])
        w.requires_grad = true
        let opt = nn.sgd([w], lr: 1.0)
        let s = nn.cosine(opt, steps: 10, warmup: 0)
        s.step()
        print(opt.lr < 1.0, abs(s.lr - opt.lr) < 0.000001)
        let o = nn.onecycle(nn.adamw([w]), max_lr: 0.1, steps: 10)
        o.step()
        print(o.lr > 0.004)
        """)
        XCTAssertEqual(out, "true true\ntrue\n")
    }

    func testSaveLoadRoundTrip() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("layer.safetensors").path
        let out = try Seg.run("""
        let m = nn.unet(classes: 3, base: 4, depth: 1)
        let x = randn([1, 3, 8, 8])
        m.eval()
        m.save("\(path)")
        let back = nn.load("\(path)")
        back.eval()
        print((back(x) - m(x)).abs().max().item())
        let other = nn.unet(classes: 3, base: 4, depth: 1)
        other.load("\(path)")
        other.eval()
        print((other(x) - m(x)).abs().max().item())
        """)
        XCTAssertEqual(out, "0.0\n0.0\n")
        XCTAssertThrowsError(try Seg.run("nn.unet(classes: 4, base: 4, depth: 1).load(\"\(path)\")"))
    }

    func testLayerEncodeDecodeRoundTrip() throws {
        let (interp, _) = Seg.interpreter()
        let v = try interp.evaluate("let m = nn.unet(classes: 2, base: 4, depth: 1)\nm.eval()\nm")
        let x = try Tensor.ones([1, 3, 8, 8])
        guard let layer = v.asObject as? LayerObject else { return XCTFail("not a layer") }
        let back = try ValueCodec.decode(try ValueCodec.encode(v), registry: Seg.registry)
        guard let restored = back.asObject as? LayerObject else { return XCTFail("not a layer") }
        XCTAssertFalse(restored.module.isTraining)
        XCTAssertEqual(try restored.module(x).doubles(), try layer.module(x).doubles())
    }

    func testOptimizerRestoresOntoTheRestoredModel() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let m = nn.conv2d(1, 1, kernel: 1, padding: 0)
        let opt = nn.adam(m.parameters(), lr: 0.1)
        (m(ones([1, 1, 2, 2])).sum()).backward()
        opt.step()
        """)
        let program = """
        let before = m.parameters()[0].item()
        (m(ones([1, 1, 2, 2])).sum()).backward()
        opt.step()
        [opt.steps, opt.lr > 0.09, m.parameters()[0].item() != before]
        """
        // Stored together, and stored in two sets where the optimizer's refers to the model's.
        let (together, _) = Seg.interpreter()
        try Seg.transfer(["m", "opt"], from: interp, to: together)
        XCTAssertEqual(reprString(try together.evaluate(program)), "[2, true, true]")
        let (apart, _) = Seg.interpreter()
        try Seg.transfer(["m"], from: interp, to: apart)
        try Seg.transfer(["opt"], from: interp, to: apart)
        XCTAssertEqual(reprString(try apart.evaluate(program)), "[2, true, true]")
        let storedOpt = try ValueCodec.encode(try XCTUnwrap(interp.global("opt")))
        for cut in stride(from: 0, to: storedOpt.count, by: 7) {
            XCTAssertThrowsError(try ValueCodec.decode(Array(storedOpt.prefix(cut)), registry: Seg.registry))
        }
    }

    func testOptimizerOverLooseTensorsSharesThem() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("let w = zeros([2])\nw.requires_grad = true\nlet opt = nn.sgd([w], lr: 1.0)")
        let (fresh, _) = Seg.interpreter()
        try Seg.transfer(["w", "opt"], from: interp, to: fresh)
        let out = try fresh.evaluate("(w * w + w).sum().backward()\nopt.step()\nw.tolist()")
        XCTAssertEqual(reprString(out), "[-1.0, -1.0]")
    }

    func testSequentialStoredWithItsLayersKeepsOneSetOfWeights() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let c = nn.conv2d(1, 1, kernel: 1, padding: 0)
        c.eval()
        let seq = nn.sequential([c, nn.relu()])
        let opt = nn.sgd(seq, lr: 1.0)
        """)
        let program = """
        (seq(ones([1, 1, 2, 2])).sum() + c(ones([1, 1, 1, 1])).sum()).backward()
        opt.step()
        [c.parameters()[0].tolist(), seq.training, c.training]
        """
        let (together, _) = Seg.interpreter()
        try Seg.transfer(["c", "seq", "opt"], from: interp, to: together)
        let (apart, _) = Seg.interpreter()
        try Seg.transfer(["c"], from: interp, to: apart)
        try Seg.transfer(["seq", "opt"], from: interp, to: apart)
        let expected = reprString(try interp.evaluate(program))
        for restored in [together, apart] {
            XCTAssertEqual(reprString(try restored.evaluate(program)), expected)
            let c = try XCTUnwrap(restored.global("c")?.asObject as? LayerObject)
            let seq = try XCTUnwrap(restored.global("seq")?.asObject as? LayerObject)
            XCTAssertTrue(c.module.parameters().elementsEqual(seq.module.parameters(), by: ===))
        }
    }

    func testAnUntouchedOptimizerKeepsItsFingerprint() throws {
        // Its parameters are wrapped afresh at each snapshot: the fingerprint must follow the
        // tensors, or every later notebook cell would count as writing the optimizer.
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("let m = nn.conv2d(1, 2)\nlet opt = nn.adam(m.parameters())\nlet sched = nn.cosine(opt, steps: 3)")
        let snapshot = interp.snapshotVersions()
        for _ in 0..<20 { _ = try interp.evaluate("let junk = [zeros([1]), ones([2])]") }
        XCTAssertEqual(interp.changedGlobals(since: snapshot), ["junk"])
        _ = try interp.evaluate("sched.step()")
        XCTAssertEqual(interp.changedGlobals(since: snapshot), ["junk", "opt", "sched"])
    }

    func testLayerErrorsAreClear() throws {
        assertThrowsMessage(try Seg.run("nn.conv2d(3, 4)(zeros([1, 2, 8, 8]))"), "1:")
        XCTAssertThrowsError(try Seg.run("nn.unet(up: \"sideways\")"))
        XCTAssertThrowsError(try Seg.run("nn.adam([1, 2])"))
    }

    func testVersionsChangeOnStepAndHelpIsDocumented() throws {
        let (interp, sink) = Seg.interpreter()
        let m = try interp.evaluate("let m = nn.conv2d(1, 1)\nlet opt = nn.sgd(m, lr: 0.1)\n(m(ones([1, 1, 3, 3])).sum()).backward()\nm")
        let t = try interp.evaluate("var t = zeros([2])\nt")
        guard let layer = m.asObject, let tensor = t.asObject else { return XCTFail("not objects") }
        let (v0, t0) = (layer.version, tensor.version)
        _ = try interp.evaluate("opt.step()\nt[0] = 1")
        XCTAssertNotEqual(layer.version, v0)
        // Assignment through an index gives `t` a changed tensor; the one held here is untouched.
        XCTAssertEqual(tensor.version, t0)
        XCTAssertNotEqual(try XCTUnwrap(interp.global("t")?.asObject).version, t0)
        _ = try interp.evaluate("help(nn.unet)")
        XCTAssertTrue(sink.text.contains("in_channels"), sink.text)
    }
}
