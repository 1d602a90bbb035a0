#!/usr/bin/env python3
"""Builds the TensorFlow SavedModel fixtures of NeuroLens and their independent ONNX twins.

For each network this script
  1. builds a small Keras 3 model (NHWC, fixed seeds, non-trivial BatchNorm statistics),
  2. exports it as a SavedModel folder with Keras' own ``model.export`` (serving signature
     ``serving_default``, which calls ``StatefulPartitionedCall`` over resource variables),
  3. builds the same architecture in PyTorch (NCHW), copies the Keras weights in and exports it
     with ``torch.onnx.export`` -- the ONNX "twin" that NeuroLens' TensorFlow importer never saw,
  4. writes a reference input batch (NHWC, float32) and the logits of Keras and of the twin, and
     checks that they agree to 1e-5.

Outputs (committed, all small) go to ``models/tf/``.  Neither the build nor CI runs this script; it
needs a Python with ``tensorflow-cpu``, ``keras``, ``torch`` and ``onnx`` (see models/tf/README.md).

    python3 tools/make_savedmodel_fixtures.py [--out models/tf]
"""
import argparse
import os
import shutil

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

SIZE = 32
CLASSES = 10
BN_EPS = 1e-3  # Keras' default; the torch twin uses the same


# ----------------------------------------------------------------------------- Keras models

def keras_residual():
    """conv+BN+ReLU, a residual Add, max pooling, depthwise conv + ReLU6, a strided 'same' conv
    (asymmetric padding), global average pooling and a dense layer."""
    L = keras.layers
    x_in = keras.Input((SIZE, SIZE, 3), name="image")
    x = L.Conv2D(8, 3, padding="same", use_bias=False, name="conv1")(x_in)
    x = L.BatchNormalization(epsilon=BN_EPS, name="bn1")(x)
    a = L.ReLU(name="relu1")(x)
    x = L.Conv2D(8, 3, padding="same", name="conv2")(a)
    x = L.BatchNormalization(epsilon=BN_EPS, name="bn2")(x)
    x = L.Add(name="add")([x, a])
    x = L.ReLU(name="relu2")(x)
    x = L.MaxPooling2D(2, name="pool1")(x)
    x = L.DepthwiseConv2D(3, padding="same", name="dwconv")(x)
    x = L.ReLU(max_value=6.0, name="relu6")(x)
    x = L.Conv2D(16, 3, strides=2, padding="same", name="conv3")(x)
    x = L.ReLU(name="relu3")(x)
    x = L.GlobalAveragePooling2D(name="gap")(x)
    x = L.Dense(CLASSES, name="logits")(x)
    return keras.Model(x_in, x, name="tf_residual")


def keras_flatten():
    """Zero padding, conv + LeakyReLU, average pooling, a channel Concatenate, sigmoid/tanh gates,
    Flatten (NHWC order) and two dense layers."""
    L = keras.layers
    x_in = keras.Input((SIZE, SIZE, 3), name="image")
    x = L.ZeroPadding2D(((1, 2), (2, 1)), name="pad")(x_in)
    x = L.Conv2D(6, 3, strides=2, padding="valid", name="conv1")(x)
    x = L.LeakyReLU(negative_slope=0.1, name="lrelu")(x)
    x = L.AveragePooling2D(2, name="avg")(x)
    b = L.Conv2D(4, 1, activation="sigmoid", name="gate")(x)
    c = L.Conv2D(4, 3, padding="same", activation="tanh", name="conv2")(x)
    x = L.Concatenate(axis=-1, name="concat")([x, b, c])
    x = L.BatchNormalization(epsilon=BN_EPS, name="bn")(x)
    x = L.Flatten(name="flatten")(x)
    x = L.Dense(24, activation="relu", name="fc1")(x)
    x = L.Dense(CLASSES, name="logits")(x)
    return keras.Model(x_in, x, name="tf_flatten")


def randomize_batchnorm(model, rng):
    """BatchNorm layers get random gamma, beta and moving statistics (fresh ones are identities)."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            n = layer.gamma.shape[0]
            layer.gamma.assign(rng.uniform(0.5, 1.5, n).astype(np.float32))
            layer.beta.assign(rng.uniform(-0.2, 0.2, n).astype(np.float32))
            layer.moving_mean.assign(rng.uniform(-0.3, 0.3, n).astype(np.float32))
            layer.moving_variance.assign(rng.uniform(0.5, 2.0, n).astype(np.float32))


def randomize_biases(model, rng):
    for layer in model.layers:
        bias = getattr(layer, "bias", None)
        if bias is not None:
            bias.assign(rng.uniform(-0.1, 0.1, bias.shape).astype(np.float32))


# ----------------------------------------------------------------------------- torch twins

def conv_weight(layer):
    """Keras HWIO kernel -> torch OIHW."""
    return torch.from_numpy(np.transpose(layer.kernel.numpy(), (3, 2, 0, 1)).copy())


def depthwise_weight(layer):
    """Keras depthwise kernel [kh, kw, C, 1] -> torch [C, 1, kh, kw]."""
    return torch.from_numpy(np.transpose(layer.kernel.numpy(), (2, 3, 0, 1)).copy())


def dense(layer):
    linear = torch.nn.Linear(layer.kernel.shape[0], layer.kernel.shape[1])
    linear.weight.data = torch.from_numpy(layer.kernel.numpy().T.copy())
    linear.bias.data = torch.from_numpy(layer.bias.numpy().copy())
    return linear


def conv(layer, groups=1, padding=0):
    """A torch conv with the Keras layer's weights; ``padding`` (symmetric) as torch does it, so that
    the twin looks like a typical torch export (asymmetric 'same' padding needs an explicit F.pad)."""
    k = layer.kernel
    if groups == 1:
        out_c, in_c = k.shape[3], k.shape[2]
        module = torch.nn.Conv2d(in_c, out_c, k.shape[0], stride=layer.strides, padding=padding,
                                 bias=layer.use_bias)
        module.weight.data = conv_weight(layer)
    else:
        module = torch.nn.Conv2d(groups, groups, k.shape[0], stride=layer.strides, groups=groups,
                                 padding=padding, bias=layer.use_bias)
        module.weight.data = depthwise_weight(layer)
    if layer.use_bias:
        module.bias.data = torch.from_numpy(layer.bias.numpy().copy())
    return module


def batchnorm(layer):
    n = layer.gamma.shape[0]
    module = torch.nn.BatchNorm2d(n, eps=BN_EPS)
    module.weight.data = torch.from_numpy(layer.gamma.numpy().copy())
    module.bias.data = torch.from_numpy(layer.beta.numpy().copy())
    module.running_mean.data = torch.from_numpy(layer.moving_mean.numpy().copy())
    module.running_var.data = torch.from_numpy(layer.moving_variance.numpy().copy())
    return module.eval()


def same_pad(size, k, s):
    """TensorFlow's 'same' padding (begin, end): the extra pixel goes to the end."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class TorchResidual(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        g = m.get_layer
        self.conv1, self.bn1 = conv(g("conv1"), padding=1), batchnorm(g("bn1"))
        self.conv2, self.bn2 = conv(g("conv2"), padding=1), batchnorm(g("bn2"))
        self.dw = conv(g("dwconv"), groups=8, padding=1)
        self.conv3 = conv(g("conv3"))
        self.fc = dense(g("logits"))

    def forward(self, x):  # x: NCHW
        a = F.relu(self.bn1(self.conv1(x)))
        x = self.bn2(self.conv2(a))
        x = F.relu(x + a)
        x = F.max_pool2d(x, 2)
        x = torch.clamp(self.dw(x), 0.0, 6.0)
        b, e = same_pad(SIZE // 2, 3, 2)
        x = F.relu(self.conv3(F.pad(x, (b, e, b, e))))
        x = x.mean(dim=(2, 3))
        return self.fc(x)


class TorchFlatten(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        g = m.get_layer
        self.conv1 = conv(g("conv1"))
        self.gate = conv(g("gate"))
        self.conv2 = conv(g("conv2"), padding=1)
        self.bn = batchnorm(g("bn"))
        self.fc1, self.fc2 = dense(g("fc1")), dense(g("logits"))

    def forward(self, x):  # x: NCHW
        x = F.pad(x, (2, 1, 1, 2))  # (left, right, top, bottom) = Keras ((1, 2), (2, 1))
        x = F.leaky_relu(self.conv1(x), 0.1)
        x = F.avg_pool2d(x, 2)
        b = torch.sigmoid(self.gate(x))
        c = torch.tanh(self.conv2(x))
        x = self.bn(torch.cat([x, b, c], dim=1))
        x = x.permute(0, 2, 3, 1).flatten(1)  # Keras flattens NHWC
        x = F.relu(self.fc1(x))
        return self.fc2(x)


# ----------------------------------------------------------------------------- export

def export(name, model, twin, out, rng):
    folder = os.path.join(out, name)
    shutil.rmtree(folder, ignore_errors=True)
    model.export(folder, format="tf_saved_model", verbose=False)
    with open(os.path.join(folder, "neurolens.properties"), "w") as f:
        f.write("# NeuroLens preprocessing sidecar (docs/sidecar.md); written by tools/make_savedmodel_fixtures.py\n"
                "input.size = 32x32\ninput.channels = RGB\ninput.layout = NHWC\ninput.scale = 255\n"
                "labels = " + ", ".join("class%d" % i for i in range(CLASSES)) + "\n")

    x = rng.uniform(0.0, 1.0, (4, SIZE, SIZE, 3)).astype(np.float32)
    keras_logits = model(x, training=False).numpy()
    loaded = tf.saved_model.load(folder)
    served = list(loaded.signatures["serving_default"](tf.constant(x)).values())[0].numpy()

    twin.eval()
    x_nchw = torch.from_numpy(np.transpose(x, (0, 3, 1, 2)).copy())
    with torch.no_grad():
        twin_logits = twin(x_nchw).numpy()
    for what, y in (("SavedModel", served), ("torch twin", twin_logits)):
        err = np.max(np.abs(y - keras_logits)) / np.max(np.abs(keras_logits))
        print("%s: %s vs Keras max rel error %.2e" % (name, what, err))
        assert err < 1e-5, what

    onnx_file = os.path.join(out, name + ".twin.onnx")
    torch.onnx.export(twin, x_nchw, onnx_file, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=17,
                      dynamo=False)
    with open(os.path.join(out, name + ".twin.neurolens.properties"), "w") as f:
        f.write("# sidecar of the torch-exported twin of %s (NCHW)\n" % name
                + "input.size = 32x32\ninput.channels = RGB\ninput.layout = NCHW\ninput.scale = 255\n"
                "labels = " + ", ".join("class%d" % i for i in range(CLASSES)) + "\n")
    np.save(os.path.join(out, name + ".input.npy"), x)  # NHWC
    np.save(os.path.join(out, name + ".logits.npy"), served)


def export_unsupported(out):
    """A SavedModel with an op the importer does not know (GELU's Erf): for the error-message test."""
    keras.utils.set_random_seed(3)
    x_in = keras.Input((4,), name="features")
    x = keras.layers.Dense(3, name="dense")(x_in)
    x = keras.layers.Activation(lambda t: keras.activations.gelu(t, approximate=False), name="gelu")(x)
    folder = os.path.join(out, "tf_gelu")
    shutil.rmtree(folder, ignore_errors=True)
    keras.Model(x_in, x).export(folder, format="tf_saved_model", verbose=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "models", "tf"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, build, twin_class, seed in (("tf_residual", keras_residual, TorchResidual, 8),
                                          ("tf_flatten", keras_flatten, TorchFlatten, 9)):
        keras.utils.set_random_seed(seed)
        rng = np.random.default_rng(seed)
        model = build()
        randomize_batchnorm(model, rng)
        randomize_biases(model, rng)
        export(name, model, twin_class(model), args.out, rng)
    export_unsupported(args.out)
    print("versions: tensorflow %s, keras %s, torch %s" % (tf.__version__, keras.__version__, torch.__version__))


if __name__ == "__main__":
    main()
