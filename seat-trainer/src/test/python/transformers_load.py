"""Loads checkpoints written by `seat init` with Hugging Face transformers and prints what
CheckpointInitTransformersTest compares with seat: the model class and parameter count, the chat
prompt's token ids (the tokenizer's own chat template), and the logits at the prompt's last position.

    python3 -m venv /work/venv-torch2 && /work/venv-torch2/bin/pip install torch transformers
    /work/venv-torch2/bin/python seat-trainer/src/test/python/transformers_load.py QUESTION DIR...

Prints one JSON object: {DIR: {...}, ...}. Weights are loaded as float32, as seat holds them on CPU.
"""
import json
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def inspect(path, question):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    model.eval()
    ids = tokenizer.apply_chat_template([{"role": "user", "content": question}], add_generation_prompt=True,
                                        tokenize=True, return_dict=False)
    if isinstance(ids, dict) or hasattr(ids, "keys"):
        ids = ids["input_ids"]
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0, -1]
    top = torch.topk(logits, 5)
    return {
        "model_class": type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "vocab_size": model.config.vocab_size,
        "tokenizer_size": len(tokenizer),
        "prompt_ids": list(ids),
        "top_ids": top.indices.tolist(),
        "top_logits": top.values.tolist(),
    }


def main():
    question = sys.argv[1]
    print(json.dumps({path: inspect(path, question) for path in sys.argv[2:]}))


if __name__ == "__main__":
    main()
