/// The functional forms of SegNN's layers and losses (`NN.conv2d(x, weight:)`, `NN.crossEntropy`),
/// each recording its own autograd node. Layers are thin modules over these.
public enum NN {}
