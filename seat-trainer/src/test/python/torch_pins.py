"""Reference values for seat's KL term and AdamW, computed with PyTorch.

Writes seat-trainer/src/test/resources/torch-pins.json, which TorchPinsTest compares against
KlDivergence and AdamW. Inputs are drawn in float32 (as the Java side holds them) and the
references are computed in float64 from those same float32 values.

    python3 -m venv /work/venv-torch && /work/venv-torch/bin/pip install torch
    /work/venv-torch/bin/python seat-trainer/src/test/python/torch_pins.py
"""
import json
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "torch-pins.json"


def values(t):
    """A float32 tensor as a flat list of exact decimal floats."""
    return [float(x) for x in t.to(torch.float32).flatten().tolist()]


def kl_pins(gen):
    b, t, v, k = 2, 3, 7, 3
    student = torch.randn(b, t, v, generator=gen) * 2
    base = torch.randn(b, t, v, generator=gen) * 2
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
    log_q = F.log_softmax(student.double(), dim=-1)
    log_p = F.log_softmax(base.double(), dim=-1).float()  # what the cache stores (float32)
    # exact: KL(p || q) per position; kl_div(input=log q, target=log p, log_target) = p (log p - log q)
    per_pos = F.kl_div(log_q, log_p.double(), reduction="none", log_target=True).sum(-1)
    exact = float((per_pos * mask.double()).sum() / mask.double().sum())
    # top-k: both distributions coarsened to the base's top-k tokens S and one "rest" outcome
    top_logp, top_ids = log_p.topk(k, dim=-1)
    p_s = top_logp.double().exp()
    q_s = log_q.gather(-1, top_ids).exp()
    p_coarse = torch.cat([p_s, (1 - p_s.sum(-1, keepdim=True))], dim=-1)
    q_coarse = torch.cat([q_s, (1 - q_s.sum(-1, keepdim=True))], dim=-1)
    per_pos_k = F.kl_div(q_coarse.log(), p_coarse, reduction="none").sum(-1)
    topk = float((per_pos_k * mask.double()).sum() / mask.double().sum())
    return {
        "shape": [b, t, v], "k": k,
        "student_logits": values(student), "base_logp": values(log_p), "mask": values(mask),
        "topk_logp": values(top_logp), "topk_ids": [int(i) for i in top_ids.flatten().tolist()],
        "exact_mean_kl": exact, "topk_mean_kl": topk,
    }


def adamw_pins(gen):
    shape = [3, 4]
    lrs = [1e-2, 5e-3, 2e-2, 1e-3]
    betas, eps, weight_decay = (0.9, 0.999), 1e-8, 0.1
    w0 = torch.randn(*shape, generator=gen)
    grads = [torch.randn(*shape, generator=gen) for _ in lrs]
    w = w0.double().clone().requires_grad_(True)
    opt = torch.optim.AdamW([w], lr=lrs[0], betas=betas, eps=eps, weight_decay=weight_decay)
    after = []
    for lr, g in zip(lrs, grads):
        for group in opt.param_groups:
            group["lr"] = lr
        w.grad = g.double().clone()
        opt.step()
        after.append([float(x) for x in w.detach().flatten().tolist()])
    return {
        "shape": shape, "lrs": lrs, "beta1": betas[0], "beta2": betas[1], "eps": eps, "weight_decay": weight_decay,
        "w0": values(w0), "grads": [values(g) for g in grads], "after_each_step": after,
    }


def main():
    gen = torch.Generator().manual_seed(20240617)
    pins = {
        "generated_by": "seat-trainer/src/test/python/torch_pins.py with torch " + torch.__version__,
        "kl": kl_pins(gen),
        "adamw": adamw_pins(gen),
    }
    OUT.write_text(json.dumps(pins, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
