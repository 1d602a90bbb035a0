#!/usr/bin/env python3
"""Cross-check of `neurolens dissect --union activated` against NetDissect-Lite's tally.

An independent numpy port of CSAILVision/NetDissect-Lite's `feature_operation.py` (`tally_job`,
`tally`): activations from ONNX Runtime, exact thresholds (numpy.quantile; Lite itself uses an
approximate QuantileVector), masks upsampled with Pillow's BILINEAR on float32 ('F') images as
Lite's `imresize(..., mode='F')` does, the per-category union of `tally_units_cat`, and
IoU = tally_both / (tally_units_cat + tally_labels - tally_both + 1e-10). Compares every unit's
best IoU per category with DIR/dissection.json.

Not part of the build or CI. Needs numpy, pillow, onnx, onnxruntime, e.g. in a venv from the
local package index:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install numpy pillow onnx onnxruntime
    ./neurolens dissect --model models/shapes_vgg.onnx --layer /features/features.16/Relu \\
        --dataset D --union activated --top 0 --out OUT
    /tmp/v/bin/python tools/netdissect_lite_check.py --model models/shapes_vgg.onnx \\
        --layer /features/features.16/Relu_output_0 --dataset D --dissection OUT/dissection.json
"""
import argparse
import csv
import json
import os

import numpy as np
import onnx
import onnxruntime as ort
from PIL import Image


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def decode_mask(path):
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(np.int64)
    return rgb[:, :, 0] + rgb[:, :, 1] * 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--layer", required=True, help="the layer's output tensor name")
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--dissection", required=True)
    ap.add_argument("--quantile", type=float, default=0.005)
    a = ap.parse_args()

    index = read_csv(os.path.join(a.dataset, "index.csv"))
    categories = [r["name"] for r in read_csv(os.path.join(a.dataset, "category.csv"))]
    labels = read_csv(os.path.join(a.dataset, "label.csv"))
    n_labels = max(int(r["number"]) for r in labels) + 1
    name = {int(r["number"]): r["name"] for r in labels}
    # primary category of each label (Lite's labelcat, one-hot)
    labelcat = np.zeros((n_labels, len(categories)))
    label_category = {}
    for r in labels:
        primary = r["category"].split(";")[0].split("(")[0]
        labelcat[int(r["number"]), categories.index(primary)] = 1
        label_category[int(r["number"])] = primary

    model = onnx.load(a.model)
    model.graph.output.append(onnx.helper.make_value_info(a.layer, onnx.TypeProto()))
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    inp = session.get_inputs()[0].name
    images = np.stack([np.asarray(Image.open(os.path.join(a.dataset, "images", r["image"])).convert("RGB"),
                                  dtype=np.float32).transpose(2, 0, 1) / 255.0 for r in index])
    feats = np.concatenate([session.run([a.layer], {inp: images[i:i + 64]})[0]
                            for i in range(0, len(images), 64)])
    units = feats.shape[1]
    threshold = np.array([np.float32(np.quantile(feats[:, u].ravel(), 1 - a.quantile)) for u in range(units)],
                         dtype=np.float32)

    tally_both = np.zeros((units, n_labels))
    tally_units_cat = np.zeros((units, len(categories)))
    tally_labels = np.zeros(n_labels)
    for i, r in enumerate(index):
        sh, sw = int(r["sh"]), int(r["sw"])
        pixels, scalars = [], []
        for c in categories:
            for entry in filter(None, r[c].split(";")):
                if entry.isdigit():
                    scalars.append(int(entry))
                else:
                    pixels.append(decode_mask(os.path.join(a.dataset, "images", entry)))
        pixels = np.stack(pixels) if pixels else np.zeros((0, sh, sw), dtype=np.int64)
        counts = np.bincount(pixels.ravel(), minlength=n_labels)
        counts[0] = 0
        tally_labels += counts
        for s in scalars:
            tally_labels[s] += sh * sw
        for u in range(units):
            fm = feats[i, u]
            if fm.max() <= threshold[u]:
                continue
            mask = np.asarray(Image.fromarray(fm.astype(np.float32), mode="F").resize((sw, sh), Image.BILINEAR))
            idx = np.argwhere(mask > threshold[u])
            tally_cat = np.zeros(len(categories))
            if len(pixels) > 0:
                bt = np.bincount(pixels[:, idx[:, 0], idx[:, 1]].ravel(), minlength=n_labels).astype(float)
                bt[0] = 0
                tally_cat = bt @ labelcat
                tally_both[u] += bt
            for s in scalars:
                tally_cat += labelcat[s]
                tally_both[u, s] += len(idx)
            tally_units_cat[u] += len(idx) * (tally_cat > 0)
    iou = tally_both / (tally_units_cat @ labelcat.T + tally_labels - tally_both + 1e-10)

    java = json.load(open(a.dissection))
    worst, compared, differing_labels = 0.0, 0, 0
    for u in java["units"]:
        k = u["unit"]
        for c, best in u["best_by_category"].items():
            ids = [l for l in range(1, n_labels) if label_category.get(l) == c]
            mine = max(iou[k, l] for l in ids)
            worst = max(worst, abs(mine - best["iou"]))
            compared += 1
            if abs(mine - best["iou"]) > 1e-9 and name[ids[int(np.argmax(iou[k, ids]))]] != best["label"]:
                differing_labels += 1
    print(f"{units} units x {len(categories)} categories compared over {len(index)} images: "
          f"max |IoU difference| {worst:.3g}, best labels that differ: {differing_labels}")


if __name__ == "__main__":
    main()
