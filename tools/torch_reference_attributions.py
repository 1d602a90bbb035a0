"""(tools/, not run by CI; needs torch and onnx, e.g. Debian python3-torch python3-onnx or a local wheel index)
Independent reference for NeuroLens' attribution methods: the ONNX model evaluated by a tiny
torch interpreter (autograd for gradients), methods written after Captum's / pytorch-grad-cam's code."""
import sys, numpy as np, onnx, torch, torch.nn.functional as F
from onnx import numpy_helper
torch.set_default_dtype(torch.float32)
MODEL, X, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
m = onnx.load(MODEL)
init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}

class Relu(torch.autograd.Function):
    mode = "standard"
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x); return x.clamp(min=0)
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        if Relu.mode == "guided": return F.relu(g * (x > 0))   # Captum: relu(grad_input)
        if Relu.mode == "deconv": return F.relu(g)             # Captum: relu(grad_output)
        return g * (x > 0)

def attr(n, name, default=None):
    for a in n.attribute:
        if a.name == name: return onnx.helper.get_attribute_value(a)
    return default

def run(x, taps=()):
    env = dict(init); env[m.graph.input[0].name] = x; tapped = {}
    for n in m.graph.node:
        i = [env[k] if k else None for k in n.input]; op = n.op_type
        if op == "Constant": y = torch.from_numpy(numpy_helper.to_array(attr(n, "value")).copy())
        elif op == "Conv":
            p = attr(n, "pads", [0, 0, 0, 0]); s = attr(n, "strides", [1, 1])
            y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None, stride=s, padding=(p[0], p[1]))
            assert p[0] == p[2] and p[1] == p[3]
        elif op == "Relu": y = Relu.apply(i[0])
        elif op == "Add": y = i[0] + i[1]
        elif op == "GlobalAveragePool": y = i[0].mean(dim=(2, 3), keepdim=True)
        elif op == "Flatten": y = i[0].reshape(i[0].shape[0], -1)
        elif op == "Gemm":
            b = i[1].t() if attr(n, "transB", 0) else i[1]; y = i[0] @ b + (i[2] if len(i) > 2 else 0)
        elif op == "Slice":
            starts, ends = i[1].tolist(), i[2].tolist(); axes = i[3].tolist(); steps = i[4].tolist() if len(i) > 4 else [1] * len(axes)
            sl = [slice(None)] * i[0].dim()
            for a, st, en, sp in zip(axes, starts, ends, steps):
                sl[a] = slice(st, en, sp)
            if min(steps) < 0:
                y = torch.from_numpy(i[0].numpy()[tuple(sl)].copy())
            else:
                y = i[0][tuple(sl)]
        elif op == "ConstantOfShape":
            v = attr(n, "value"); val = numpy_helper.to_array(v).item() if v is not None else 0.0
            y = torch.full(i[0].tolist(), val, dtype=torch.int64 if isinstance(val, int) else torch.float32)
        elif op == "Concat": y = torch.cat(i, dim=attr(n, "axis"))
        elif op == "Reshape": y = i[0].reshape(i[1].tolist())
        elif op == "Transpose": y = i[0].permute(attr(n, "perm"))
        elif op == "Cast": y = i[0].to(torch.int64) if attr(n, "to") == 7 else i[0].float()
        elif op == "Pad":
            pads = i[1].tolist(); r = len(pads) // 2
            tp = []
            for a in reversed(range(r)): tp += [pads[a], pads[a + r]]
            y = F.pad(i[0], tp, value=float(i[2]) if len(i) > 2 and i[2] is not None else 0.0)
        else: raise SystemExit("op " + op)
        env[n.output[0]] = y
        if n.output[0] in taps: tapped[n.output[0]] = y
    return env[m.graph.output[0].name], tapped

x = torch.from_numpy(np.load(X)).float()
if x.dim() == 3: x = x[None]
logits, _ = run(x); c = int(logits.argmax()); print("logits", logits[0, c].item(), "class", c)

def grad(inp, mode="standard"):
    Relu.mode = mode
    inp = inp.clone().requires_grad_(True); y, _ = run(inp)
    g, = torch.autograd.grad(y[:, c].sum(), inp); Relu.mode = "standard"; return g

out = {}
g = grad(x); out["saliency"] = g[0]; out["gradient-x-input"] = (x * g)[0]
# IG (Captum): (x - x') * sum_i w_i grad(x' + a_i (x - x'))
def ig(baseline, steps, rule):
    n = steps
    if rule == "gauss-legendre":
        xs, ws = np.polynomial.legendre.leggauss(n); al = 0.5 * (1 + xs); w = 0.5 * ws
    elif rule == "riemann-left": al = np.linspace(0, 1 - 1 / n, n); w = np.full(n, 1 / n)
    elif rule == "riemann-right": al = np.linspace(1 / n, 1, n); w = np.full(n, 1 / n)
    elif rule == "riemann-middle": al = (np.arange(n) + 0.5) / n; w = np.full(n, 1 / n)
    elif rule == "trapezoid":
        al = np.linspace(0, 1, n); w = np.array([1 / (2 * (n - 1))] + [1 / (n - 1)] * (n - 2) + [1 / (2 * (n - 1))])
    pts = torch.cat([baseline + float(a) * (x - baseline) for a in al])
    Relu.mode = "standard"; pts.requires_grad_(True); y, _ = run(pts)
    gr, = torch.autograd.grad(y[:, c].sum(), pts)
    total = (gr * torch.tensor(w, dtype=torch.float32).view(-1, 1, 1, 1)).sum(0, keepdim=True)
    a = ((x - baseline) * total)[0]
    with torch.no_grad(): delta = a.sum().item() - (run(x)[0][0, c].item() - run(baseline)[0][0, c].item())
    return a, delta
for rule in ["gauss-legendre", "riemann-left", "riemann-right", "riemann-middle", "trapezoid"]:
    a, d = ig(torch.zeros_like(x), 64, rule); out["integrated-gradients." + rule] = a; print("IG zero", rule, "delta", d)
out["guided-backprop"] = grad(x, "guided")[0]; out["deconvnet"] = grad(x, "deconv")[0]
# Grad-CAM at the last block (Captum LayerGradCam, relu_attributions=True)
L = "/layer3/layer3.2/Relu_1_output_0"
xi = x.clone().requires_grad_(True); y, t = run(xi, taps=(L,)); A = t[L]
G, = torch.autograd.grad(y[:, c].sum(), A)
cam = F.relu((G.mean(dim=(2, 3), keepdim=True) * A).sum(1, keepdim=True))
out["gradcam"] = cam[0, 0]; out["gradcam.upsampled"] = F.interpolate(cam, size=(32, 32), mode="bilinear", align_corners=False)[0, 0]
# Grad-CAM++ (pytorch-grad-cam)
g2 = G ** 2; g3 = g2 * G; sa = A.sum(dim=(2, 3), keepdim=True)
aij = g2 / (2 * g2 + sa * g3 + 1e-6); aij = torch.where(G != 0, aij, torch.zeros_like(aij))
wts = (F.relu(G) * aij).sum(dim=(2, 3), keepdim=True)
out["gradcam-plus-plus"] = F.relu((wts * A).sum(1))[0]
out["guided-gradcam"] = (out["guided-backprop"][None] * F.interpolate(cam, size=(32, 32), mode="nearest"))[0]
# Occlusion (Captum): window (3,8,8), strides (3,4,4), baseline 0
with torch.no_grad():
    fx = logits[0, c]; tot = torch.zeros(1, 3, 32, 32); cnt = torch.zeros(1, 3, 32, 32)
    for yy in range(0, 32 - 8 + 1, 4):
        for xx in range(0, 32 - 8 + 1, 4):
            xo = x.clone(); xo[:, :, yy:yy + 8, xx:xx + 8] = 0.0
            d = fx - run(xo)[0][0, c]; mask = torch.zeros(1, 3, 32, 32); mask[:, :, yy:yy + 8, xx:xx + 8] = 1
            tot += d * mask; cnt += mask
    out["occlusion"] = (tot / cnt)[0]
for k, v in out.items(): np.save(f"{OUT}/{k}.npy", v.detach().numpy().astype(np.float32))
print("wrote", len(out))
