"""(tools/, not run by CI; needs torch and onnx, e.g. Debian python3-torch python3-onnx or a local wheel index)
Independent reference for NeuroLens' attribution methods: the ONNX model evaluated by a tiny
torch interpreter (autograd for gradients), methods written after Captum's / pytorch-grad-cam's code,
LRP after Zennit's rules and composites."""
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
        if Relu.mode == "lrp": return g                        # Zennit: Pass
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
            assert p[0] == p[2] and p[1] == p[3]
            conv = lambda a, w, b, s=s, p=p: F.conv2d(a, w, b, stride=s, padding=(p[0], p[1]))
            y = conv(i[0], i[1], i[2] if len(i) > 2 else None) if Relu.mode != "lrp" \
                else LrpLinear.apply(i[0], i[1], i[2] if len(i) > 2 else None, n.name, conv)
        elif op == "Relu": y = Relu.apply(i[0])
        elif op == "Add": y = i[0] + i[1] if Relu.mode != "lrp" else NormAdd.apply(i[0], i[1])
        elif op == "GlobalAveragePool":
            y = i[0].mean(dim=(2, 3), keepdim=True) if Relu.mode != "lrp" else NormMean.apply(i[0])
        elif op == "Flatten": y = i[0].reshape(i[0].shape[0], -1)
        elif op == "Gemm":
            dense = lambda a, w, b, t=attr(n, "transB", 0): a @ (w.t() if t else w) + (b if b is not None else 0)
            y = dense(i[0], i[1], i[2] if len(i) > 2 else None) if Relu.mode != "lrp" \
                else LrpLinear.apply(i[0], i[1], i[2] if len(i) > 2 else None, n.name, dense)
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

# LRP, written after Zennit's rules (zennit/rules.py: BasicHook with input/param modifiers, gradient
# mapper, reducer) and composites (zennit/composites.py), evaluated with torch autograd.
def stab(z, eps=1e-6): return z + eps * ((z >= 0).float() * 2 - 1)   # sign(0) = +1
def basic(fn, x, w, b, R, terms, mapper, reducer):
    """terms: [(input modifier, weight, bias)]; Zennit's BasicHook.backward."""
    with torch.enable_grad():
        ins = [mod(x).detach().requires_grad_(True) for mod, _, _ in terms]
        outs = [fn(i, tw, tb) for i, (_, tw, tb) in zip(ins, terms)]
    gs = torch.autograd.grad(outs, ins, grad_outputs=mapper(R, outs))
    return reducer(ins, gs)
pos = lambda t: t.clamp(min=0) if t is not None else None
neg = lambda t: t.clamp(max=0) if t is not None else None
ident = lambda t: t
def epsilon(eps):
    return lambda fn, x, w, b, R: basic(fn, x, w, b, R, [(ident, w, b)], lambda R, o: [R / stab(o[0], eps)],
                                        lambda i, g: i[0] * g[0])
def alpha_beta(alpha, beta):
    def rule(fn, x, w, b, R):
        p = basic(fn, x, w, b, R, [(pos, pos(w), pos(b)), (neg, neg(w), None)], lambda R, o: [R / stab(o[0] + o[1])] * 2,
                  lambda i, g: i[0] * g[0] + i[1] * g[1])
        if beta == 0: return alpha * p
        q = basic(fn, x, w, b, R, [(pos, neg(w), neg(b)), (neg, pos(w), None)], lambda R, o: [R / stab(o[0] + o[1])] * 2,
                  lambda i, g: i[0] * g[0] + i[1] * g[1])
        return alpha * p - beta * q
    return rule
def gamma(gm):
    def rule(fn, x, w, b, R):
        z = fn(x, w, b); up = lambda t, c: t + gm * c(t) if t is not None else None
        terms = [(pos, up(w, pos), up(b, pos)), (neg, up(w, neg), None), (pos, up(w, neg), up(b, neg)), (neg, up(w, pos), None)]
        mapper = lambda R, o: [R * (z > 0) / stab(o[0] + o[1])] * 2 + [R * (z < 0) / stab(o[2] + o[3])] * 2
        return basic(fn, x, w, b, R, terms, mapper, lambda i, g: sum(a * c for a, c in zip(i, g)))
    return rule
def flat(fn, x, w, b, R):
    return basic(fn, x, w, b, R, [(torch.ones_like, torch.ones_like(w), None)], lambda R, o: [R / stab(o[0])],
                 lambda i, g: g[0])
def zbox(low, high):
    def rule(fn, x, w, b, R):
        lo = torch.ones_like(x) * low.view(1, -1, 1, 1); hi = torch.ones_like(x) * high.view(1, -1, 1, 1)
        terms = [(ident, w, b), (lambda t: lo, pos(w), pos(b)), (lambda t: hi, neg(w), neg(b))]
        return basic(fn, x, w, b, R, terms, lambda R, o: [R / stab(o[0] - o[1] - o[2])] * 3,
                     lambda i, g: i[0] * g[0] - i[1] * g[1] - i[2] * g[2])
    return rule
class LrpLinear(torch.autograd.Function):
    rules = {}
    @staticmethod
    def forward(ctx, x, w, b, name, fn):
        ctx.save_for_backward(x); ctx.w, ctx.b, ctx.name, ctx.fn = w, b, name, fn; return fn(x, w, b)
    @staticmethod
    def backward(ctx, R):
        x, = ctx.saved_tensors
        return LrpLinear.rules[ctx.name](ctx.fn, x, ctx.w, ctx.b, R), None, None, None, None
class NormAdd(torch.autograd.Function):   # Zennit: ResNet canonizer's Sum with the Norm rule
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b); return a + b
    @staticmethod
    def backward(ctx, R):
        a, b = ctx.saved_tensors; s = R / stab(a + b); return a * s, b * s
class NormMean(torch.autograd.Function):  # Zennit: Norm on AdaptiveAvgPool
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x); return x.mean(dim=(2, 3), keepdim=True)
    @staticmethod
    def backward(ctx, R):
        x, = ctx.saved_tensors; y = x.mean(dim=(2, 3), keepdim=True)
        return x * (R / stab(y)) / (x.shape[2] * x.shape[3])
mean = torch.tensor([0.485, 0.456, 0.406]); std = torch.tensor([0.229, 0.224, 0.225])
convs = [n.name for n in m.graph.node if n.op_type == "Conv"]; first = convs[0]
composites = {  # (first layer, convolutions, dense)
    "epsilon-plus": (None, alpha_beta(1, 0), epsilon(1e-6)),
    "epsilon-plus-flat": (flat, alpha_beta(1, 0), epsilon(1e-6)),
    "epsilon-gamma-box": (zbox((0 - mean) / std, (1 - mean) / std), gamma(0.25), epsilon(1e-6)),
    "epsilon-alpha2-beta1": (None, alpha_beta(2, 1), epsilon(1e-6)),
    "epsilon-alpha2-beta1-flat": (flat, alpha_beta(2, 1), epsilon(1e-6)),
}
for name, (fst, conv_rule, dense_rule) in composites.items():
    LrpLinear.rules = {c: conv_rule for c in convs}
    LrpLinear.rules.update({n.name: dense_rule for n in m.graph.node if n.op_type == "Gemm"})
    if fst is not None: LrpLinear.rules[first] = fst
    out["lrp." + name] = grad(x, "lrp")[0]
    print("LRP", name, "sum", out["lrp." + name].sum().item())
for k, v in out.items(): np.save(f"{OUT}/{k}.npy", v.detach().numpy().astype(np.float32))
print("wrote", len(out))
