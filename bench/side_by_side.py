#!/usr/bin/env python3
"""seat beside Hugging Face transformers on one checkpoint, same machine, same threads, one run.

Runs `./seat bench` and `./seat bench-train` (seat's side), then the same workloads with
transformers + torch in this process, and writes one table with the ratios to
results/bench/side-by-side-<checkpoint>.{json,md}.

Workloads (both sides):
  prefill   one forward pass over B prompts of 128 random tokens, last position's logits to the host
  decode    greedy generation of 64 new tokens (no stop) after 16-token prompts, B prompts at once
  train     one full fine-tuning step (forward, masked cross-entropy, backward, clip to norm 1, AdamW)
            on the batch `seat bench-train --save-batch` writes: the same token ids on both sides
Each number is the median of --repeats timed runs after untimed ones (at least two and 1.5 s, on both
sides: the JVM compiles its hot paths in them; train: of the steps after 2).
With --rounds R the two sides take turns R times (seat, transformers, seat, ...) and each number is
the median over the rounds: on a shared machine, load that comes and goes hits both sides alike.

Needs a venv with torch (CPU) and transformers:  python3 -m venv V && V/bin/pip install torch transformers
Usage: V/bin/python bench/side_by_side.py [--checkpoint models/tiny-base] [--threads 2]
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_seat(args, env):
    cmd = [str(ROOT / "seat")] + args
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def seat_side(checkpoint, threads, repeats, workdir, train=True, long_tokens=400):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    run_seat(["bench", "--checkpoint", checkpoint, "--repeats", str(repeats), "--long-tokens", str(long_tokens),
              "--out", str(workdir)], env)
    bench = json.loads(next(Path(workdir).glob("*.json")).read_text())
    if not train:
        return bench, None, None
    batch_file = Path(workdir) / "batch.json"
    train_file = Path(workdir) / "train.json"
    run_seat(["bench-train", "--base", checkpoint, "--methods", "full,seat", "--save-batch", str(batch_file),
              "--out", str(train_file)], env)
    train = json.loads(train_file.read_text())
    return bench, train, json.loads(batch_file.read_text())


def median_of(repeats, fn):
    start, runs = time.perf_counter(), 0
    while runs < 2 or time.perf_counter() - start < 1.5:  # warm-up as seat bench's: at least 2 runs and 1.5 s
        fn()
        runs += 1
    return statistics.median(fn() for _ in range(repeats))


def hf_side(checkpoint, threads, repeats, batch):
    import torch
    from transformers import AutoModelForCausalLM

    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(ROOT / checkpoint, dtype=torch.float32)
    load_s = time.perf_counter() - t0
    model.eval()
    vocab = model.config.vocab_size
    gen = torch.Generator().manual_seed(0)
    out = {"torch": torch.__version__, "load_seconds": load_s}

    def prompts(b, n):
        return torch.randint(3, vocab, (b, n), generator=gen), torch.ones(b, n, dtype=torch.long)

    for b in (1, 32):
        ids, mask = prompts(b, 128)

        def prefill():
            with torch.inference_mode():
                s = time.perf_counter()
                model(input_ids=ids, attention_mask=mask, logits_to_keep=1).logits.float().numpy()
                return b * 128 / (time.perf_counter() - s)

        out[f"prefill_tokens_per_s_batch{b}"] = median_of(repeats, prefill)
        ids16, mask16 = prompts(b, 16)

        def decode():
            s = time.perf_counter()
            with torch.inference_mode():
                model.generate(input_ids=ids16, attention_mask=mask16, max_new_tokens=64, min_new_tokens=64,
                               do_sample=False, pad_token_id=0)
            return b * 64 / (time.perf_counter() - s)

        out[f"decode_tokens_per_s_batch{b}"] = median_of(repeats, decode)

    if batch is None:
        return out
    model.train()
    inputs = torch.tensor(batch["input_ids"])
    targets = torch.tensor(batch["targets"])
    loss_mask = torch.tensor(batch["loss_mask"])
    attention = torch.tensor(batch["attention_mask"])
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.0)
    times = []
    for _ in range(12):
        s = time.perf_counter()
        logits = model(input_ids=inputs, attention_mask=attention).logits
        nll = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction="none")
        loss = (nll * loss_mask.flatten()).sum() / loss_mask.sum()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        times.append((time.perf_counter() - s) * 1000)
    out["full_step_ms"] = statistics.median(times[2:])
    return out


ROWS = [  # (label, key, higher is better)
    ("load (s)", "load_seconds", False),
    ("prefill 128 tokens, batch 1 (tok/s)", "prefill_tokens_per_s_batch1", True),
    ("prefill 128 tokens, batch 32 (tok/s)", "prefill_tokens_per_s_batch32", True),
    ("greedy decode 64 tokens, batch 1 (tok/s)", "decode_tokens_per_s_batch1", True),
    ("greedy decode 64 tokens, batch 32 (tok/s)", "decode_tokens_per_s_batch32", True),
    ("full fine-tuning step (ms)", "full_step_ms", False),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", default="models/tiny-base")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-train", action="store_true", help="prefill/decode only (large checkpoints)")
    ap.add_argument("--long-tokens", type=int, default=400,
                    help="length of seat bench's flat-memory generation (not compared; shorten for large checkpoints)")
    ap.add_argument("--out", default="results/bench")
    a = ap.parse_args()
    rounds = []
    for r in range(a.rounds):
        print(f"round {r + 1} of {a.rounds}", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as work:
            bench, train, batch = seat_side(a.checkpoint, a.threads, a.repeats, work, not a.skip_train, a.long_tokens)
        seat_r = {k: bench[k] for _, k, _ in ROWS[:5]}
        if train:
            seat_r["full_step_ms"] = train["methods"]["full"]["ms_per_step"]
            seat_r["seat_step_ms"] = train["methods"]["seat"]["ms_per_step"]
        rounds.append({"seat": seat_r, "transformers": hf_side(a.checkpoint, a.threads, a.repeats, batch)})
    rows = ROWS if not a.skip_train else ROWS[:5]
    seat = {k: statistics.median(r["seat"][k] for r in rounds) for k in rounds[0]["seat"]}
    hf = {k: statistics.median(r["transformers"][k] for r in rounds) for k in rounds[0]["transformers"] if k != "torch"}
    hf["torch"] = rounds[0]["transformers"]["torch"]
    seat_step = seat.get("seat_step_ms")
    import transformers
    name = Path(a.checkpoint).name
    result = {
        "checkpoint": a.checkpoint, "threads": a.threads, "repeats": a.repeats, "rounds": a.rounds,
        "date": datetime.date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "transformers": transformers.__version__, "torch": hf["torch"],
        "seat": seat, "transformers_side": hf, "per_round": rounds,
    }
    if seat_step:
        result["train_batch"] = [len(batch["input_ids"]), len(batch["input_ids"][0])]
        result["seat_step_ms"] = seat_step
        result["seat_step_vs_full"] = seat_step / seat["full_step_ms"]
    lines = [f"# seat beside transformers on `{a.checkpoint}`", "",
             f"{result['date']}, {result['machine']}, {a.threads} threads each; each side median of {a.repeats} runs "
             f"per round, {a.rounds} rounds taken in turn, median over rounds (per-round values in the JSON); "
             f"transformers {result['transformers']} + torch {result['torch']} (CPU), seat on DJL 0.36 / libtorch 2.7.1. "
             f"Made by `bench/side_by_side.py --checkpoint {a.checkpoint} --threads {a.threads} --rounds {a.rounds}"
             f"{' --skip-train' if a.skip_train else ''}`.", "",
             "| workload | transformers | seat | seat ÷ transformers (speed) | median of the rounds' ratios |",
             "|---|---|---|---|---|"]
    for label, key, higher in rows:
        s, h = seat[key], hf[key]
        ratio = s / h if higher else h / s
        # each round's ratio compares two runs minutes apart; their median sets aside a round the machine's load disturbed
        per_round = [r["seat"][key] / r["transformers"][key] if higher else r["transformers"][key] / r["seat"][key]
                     for r in rounds]
        result.setdefault("speed_ratio", {})[key] = ratio
        result.setdefault("speed_ratio_median_of_rounds", {})[key] = statistics.median(per_round)
        lines.append(f"| {label} | {h:,.1f} | {s:,.1f} | {ratio:.2f}× | {statistics.median(per_round):.2f}× "
                     f"({', '.join(f'{x:.2f}' for x in per_round)}) |")
    lo_hi = []
    for label, key, higher in rows:
        s = [r["seat"][key] for r in rounds]
        h = [r["transformers"][key] for r in rounds]
        lo_hi.append(f"| {label} | {min(h):,.1f}–{max(h):,.1f} | {min(s):,.1f}–{max(s):,.1f} |")
    lines += ["", "Spread over the rounds (lowest–highest of the per-round medians):", "",
              "| workload | transformers | seat |", "|---|---|---|"] + lo_hi
    if seat_step:
        lines += ["", f"SEAT step {seat_step:.1f} ms = {result['seat_step_vs_full']:.2f}× seat's full step "
                  f"(batch {result['train_batch'][0]} × {result['train_batch'][1]} tokens)."]
    lines.append("")
    out = ROOT / a.out
    out.mkdir(parents=True, exist_ok=True)
    (out / f"side-by-side-{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / f"side-by-side-{name}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
