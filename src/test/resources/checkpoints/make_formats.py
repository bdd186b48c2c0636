#!/usr/bin/python3
"""Writes one small SAE checkpoint of every format CheckpointFormatsTest reads, with the real writers.

Run from this folder with Debian's PyTorch (apt-get install -y python3-torch python3-numpy, PyTorch 1.13):

    cd src/test/resources/checkpoints && /usr/bin/python3 make_formats.py

d_in = 8, d_sae = 16, random weights from fixed seeds, nonzero biases. The libraries themselves cannot be installed
here, so each one's modules are declared below with the attribute names, shapes and registration kinds (parameter,
buffer, nn.Linear) their classes use, and their files are written the way the libraries write them: torch.save of
module.state_dict() (plus the extra entries OpenAI's Autoencoder.state_dict adds), np.savez for Gemma Scope, and the
safetensors layout for Llama Scope (the safetensors package is not installed either, so save_safetensors below writes
its documented layout: 8-byte little-endian header length, JSON header, raw little-endian data).

The expected numbers are not written here: the Java tests compute them in float64 from the formulas, independently.
The folders under hostile/ are files a reader must refuse.
"""
import collections
import json
import os
import shutil
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
D, F = 8, 16


def out(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def rand(gen, *shape, scale=1.0):
    return torch.randn(*shape, generator=gen) * scale


def fill(module, gen, scales):
    """Random values for every parameter and floating buffer, by name, so nothing is left at its initial value."""
    with torch.no_grad():
        for name, t in list(module.named_parameters()) + list(module.named_buffers()):
            if t.dtype.is_floating_point and name in scales:
                t.copy_(rand(gen, *t.shape, scale=scales[name]))


# ---------------------------------------------------------------------------------------------------- OpenAI
# sparse_autoencoder.model.Autoencoder registers: pre_bias (parameter [d]), encoder = nn.Linear(d, n, bias=False),
# latent_bias (parameter [n]), decoder = nn.Linear(n, d, bias=False), and the buffers stats_last_nonzero (long [n]),
# latents_activation_frequency and latents_mean_square (float [n]). Its state_dict adds "activation" (the activation
# class's name) and "activation_state_dict" (TopK's: {"k": int, "postact_fn": "ReLU"}; ReLU's: {}).


class OpenAiAutoencoder(nn.Module):
    def __init__(self, n_latents, n_inputs):
        super().__init__()
        self.pre_bias = nn.Parameter(torch.zeros(n_inputs))
        self.encoder = nn.Linear(n_inputs, n_latents, bias=False)
        self.latent_bias = nn.Parameter(torch.zeros(n_latents))
        self.decoder = nn.Linear(n_latents, n_inputs, bias=False)
        self.register_buffer("stats_last_nonzero", torch.zeros(n_latents, dtype=torch.long))
        self.register_buffer("latents_activation_frequency", torch.ones(n_latents, dtype=torch.float))
        self.register_buffer("latents_mean_square", torch.zeros(n_latents, dtype=torch.float))


def openai(path, seed, activation, activation_state):
    gen = torch.Generator().manual_seed(seed)
    ae = OpenAiAutoencoder(F, D)
    fill(ae, gen, {"pre_bias": 0.5, "encoder.weight": 0.6, "latent_bias": 0.3, "decoder.weight": 0.5,
                   "latents_activation_frequency": 0.1, "latents_mean_square": 0.1})
    with torch.no_grad():
        ae.stats_last_nonzero.copy_(torch.arange(F))
    sd = ae.state_dict()
    sd["activation"] = activation
    sd["activation_state_dict"] = activation_state
    torch.save(sd, out(*path))


openai(("openai", "gpt2-small", "resid_post_mlp_v5_32k", "autoencoders", "3.pt"), 11, "TopK",
       collections.OrderedDict([("k", 4), ("postact_fn", "ReLU")]))
openai(("openai", "gpt2-small", "resid_delta_mlp", "autoencoders", "5.pt"), 12, "ReLU", collections.OrderedDict())

# Orientation cases. Square (n_latents = d = 8): the shapes cannot tell W_enc from W_encᵀ, the names must. And a
# state dict whose encoder.weight was saved transposed ([d, n_latents], contiguous), which the shapes do tell.
gen = torch.Generator().manual_seed(13)
square = OpenAiAutoencoder(D, D)
fill(square, gen, {"pre_bias": 0.5, "encoder.weight": 0.6, "latent_bias": 0.3, "decoder.weight": 0.5})
sd = square.state_dict()
sd["activation"] = "TopK"
sd["activation_state_dict"] = collections.OrderedDict([("k", 3), ("postact_fn", "ReLU")])
torch.save(sd, out("openai", "square", "sae.pt"))
gen = torch.Generator().manual_seed(14)
flipped = OpenAiAutoencoder(F, D)
fill(flipped, gen, {"pre_bias": 0.5, "encoder.weight": 0.6, "latent_bias": 0.3, "decoder.weight": 0.5})
sd = flipped.state_dict()
sd["encoder.weight"] = sd["encoder.weight"].t().contiguous()
sd["activation"] = "ReLU"
sd["activation_state_dict"] = collections.OrderedDict()
torch.save(sd, out("openai", "transposed", "sae.pt"))

# ------------------------------------------------------------------------------------------ dictionary_learning
# dictionary_learning/dictionary.py and trainers/{top_k,batch_top_k,matryoshka_batch_top_k}.py; training.py saves
# {k: v.cpu() for k, v in ae.state_dict().items()} to ae.pt and {"trainer": trainer.config, "buffer": ...} to
# config.json.


class AutoEncoder(nn.Module):
    def __init__(self, d, f):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(d))
        self.encoder = nn.Linear(d, f, bias=True)
        self.decoder = nn.Linear(f, d, bias=False)


class AutoEncoderNew(nn.Module):
    def __init__(self, d, f):
        super().__init__()
        self.encoder = nn.Linear(d, f, bias=True)
        self.decoder = nn.Linear(f, d, bias=True)


class GatedAutoEncoder(nn.Module):
    def __init__(self, d, f):
        super().__init__()
        self.decoder_bias = nn.Parameter(torch.zeros(d))
        self.encoder = nn.Linear(d, f, bias=False)
        self.r_mag = nn.Parameter(torch.zeros(f))
        self.gate_bias = nn.Parameter(torch.zeros(f))
        self.mag_bias = nn.Parameter(torch.zeros(f))
        self.decoder = nn.Linear(f, d, bias=False)


class AutoEncoderTopK(nn.Module):
    """AutoEncoderTopK and BatchTopKSAE register the same names."""

    def __init__(self, d, f, k):
        super().__init__()
        self.register_buffer("k", torch.tensor(k, dtype=torch.int))
        self.register_buffer("threshold", torch.tensor(-1.0, dtype=torch.float32))
        self.decoder = nn.Linear(f, d, bias=False)
        self.encoder = nn.Linear(d, f)
        self.b_dec = nn.Parameter(torch.zeros(d))


class MatryoshkaBatchTopKSAE(nn.Module):
    def __init__(self, d, f, k, group_sizes):
        super().__init__()
        self.register_buffer("k", torch.tensor(k, dtype=torch.int))
        self.register_buffer("threshold", torch.tensor(-1.0, dtype=torch.float32))
        self.register_buffer("group_sizes", torch.tensor(group_sizes))
        self.W_enc = nn.Parameter(torch.empty(d, f))
        self.b_enc = nn.Parameter(torch.zeros(f))
        self.W_dec = nn.Parameter(torch.empty(f, d))
        self.b_dec = nn.Parameter(torch.zeros(d))


class JumpReluAutoEncoder(nn.Module):
    def __init__(self, d, f):
        super().__init__()
        self.W_enc = nn.Parameter(torch.empty(d, f))
        self.b_enc = nn.Parameter(torch.zeros(f))
        self.W_dec = nn.Parameter(torch.empty(f, d))
        self.b_dec = nn.Parameter(torch.zeros(d))
        self.threshold = nn.Parameter(torch.ones(f) * 0.001)


def trainer_config(dict_class, trainer_class, layer=3, **extra):
    cfg = {"trainer_class": trainer_class, "dict_class": dict_class, "lr": 0.0003, "steps": 1000, "seed": 0,
           "activation_dim": D, "dict_size": F, "device": "cpu", "layer": layer,
           "lm_name": "EleutherAI/pythia-70m-deduped", "wandb_name": trainer_class,
           "submodule_name": f"resid_post_layer_{layer}"}
    cfg.update(extra)
    return {"trainer": cfg, "buffer": {"d_submodule": D, "io": "out", "n_ctxs": 30000, "ctx_len": 128,
                                       "refresh_batch_size": 512, "out_batch_size": 8192, "device": "cpu"}}


def dictionary(folder, module, config, seed, scales, tweak=None):
    gen = torch.Generator().manual_seed(seed)
    fill(module, gen, scales)
    if tweak is not None:
        with torch.no_grad():
            tweak(module, gen)
    torch.save({k: v.cpu() for k, v in module.state_dict().items()}, out("dictionary_learning", folder, "ae.pt"))
    with open(out("dictionary_learning", folder, "config.json"), "w") as f:
        json.dump(config, f, indent=4)


linear = {"encoder.weight": 0.6, "encoder.bias": 0.3, "decoder.weight": 0.5, "decoder.bias": 0.4, "bias": 0.5,
          "b_dec": 0.5, "decoder_bias": 0.5, "gate_bias": 0.3, "r_mag": 0.4, "mag_bias": 0.3,
          "W_enc": 0.6, "b_enc": 0.3, "W_dec": 0.5}

# Decoder columns of varied norms, so from_pretrained's normalize_decoder changes the features.
dictionary("AutoEncoder", AutoEncoder(D, F), trainer_config("AutoEncoder", "StandardTrainerAprilUpdate",
                                                                l1_penalty=0.1, norm_factor=2.5), 21, linear)
dictionary("AutoEncoderNew", AutoEncoderNew(D, F), trainer_config("AutoEncoderNew", "StandardTrainer"), 22, linear)
dictionary("GatedAutoEncoder", GatedAutoEncoder(D, F), trainer_config("GatedAutoEncoder", "GatedSAETrainer"), 23,
           linear)
dictionary("AutoEncoderTopK", AutoEncoderTopK(D, F, 3), trainer_config("AutoEncoderTopK", "TopKTrainer", k=3), 24,
           linear, lambda m, g: m.threshold.fill_(0.25))


def batch_threshold(m, g):
    m.threshold.fill_(0.3)


dictionary("BatchTopKSAE", AutoEncoderTopK(D, F, 4), trainer_config("BatchTopKSAE", "BatchTopKTrainer", k=4), 25,
           linear, batch_threshold)
dictionary("MatryoshkaBatchTopKSAE", MatryoshkaBatchTopKSAE(D, F, 4, [4, 4, 8]),
           trainer_config("MatryoshkaBatchTopKSAE", "MatryoshkaBatchTopKTrainer", k=4, group_sizes=[4, 4, 8],
                          group_fractions=[0.25, 0.25, 0.5], group_weights=None), 26, linear, batch_threshold)


def per_latent_threshold(m, g):
    m.threshold.copy_(torch.rand(F, generator=g) * 0.5)


dictionary("JumpReluAutoEncoder", JumpReluAutoEncoder(D, F),
           trainer_config("JumpReluAutoEncoder", "JumpReluTrainer", bandwidth=0.001, sparsity_penalty=1.0,
                          target_l0=4), 27, linear, per_latent_threshold)

# ------------------------------------------------------------------------------------------------ Gemma Scope
# params.npz of google/gemma-scope-*: W_enc [d_model, d_sae], W_dec [d_sae, d_model], b_enc, b_dec, threshold.

g = np.random.default_rng(31)
np.savez(out("gemma_scope", "gemma-scope-2b-pt-res", "layer_3", "width_16", "average_l0_5", "params.npz"),
         W_enc=(g.standard_normal((D, F)) * 0.6).astype(np.float32),
         W_dec=(g.standard_normal((F, D)) * 0.5).astype(np.float32),
         b_enc=(g.standard_normal(F) * 0.3).astype(np.float32),
         b_dec=(g.standard_normal(D) * 0.5).astype(np.float32),
         threshold=(g.random(F) * 0.5).astype(np.float32))

# ------------------------------------------------------------------------------------------------ Llama Scope
# lm_saes SparseAutoEncoder: encoder = nn.Linear(d_model, d_sae), decoder = nn.Linear(d_sae, d_model); hyperparams.json
# is SAEConfig's fields; the weights are checkpoints/final.safetensors.

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64"}


def save_safetensors(tensors, path, metadata=None):
    header = {}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


class LmSaesSae(nn.Module):
    def __init__(self, d_model, d_sae):
        super().__init__()
        self.encoder = nn.Linear(d_model, d_sae, bias=True)
        self.decoder = nn.Linear(d_sae, d_model, bias=True)


def llama_scope(folder, seed, hyper):
    gen = torch.Generator().manual_seed(seed)
    sae = LmSaesSae(D, F)
    fill(sae, gen, {"encoder.weight": 0.6, "encoder.bias": 0.8, "decoder.weight": 0.5, "decoder.bias": 0.8})
    save_safetensors({k: v.detach() for k, v in sae.state_dict().items()},
                     out("llama_scope", folder, "checkpoints", "final.safetensors"), {"version": "2.0.0b3"})
    with open(out("llama_scope", folder, "hyperparams.json"), "w") as f:
        json.dump(hyper, f, indent=4)


def hyperparams(layer, **extra):
    h = {"use_decoder_bias": True, "apply_decoder_bias_to_pre_encoder": False, "expansion_factor": F // D,
         "d_model": D, "d_sae": F, "act_fn": "jumprelu", "jump_relu_threshold": 0.6, "norm_activation": "dataset-wise",
         "dataset_average_activation_norm": {"in": 5.0, "out": 5.0}, "decoder_exactly_fixed_norm": False,
         "sparsity_include_decoder_norm": True, "use_glu_encoder": False, "l1_coefficient": 8e-05, "lp": 1,
         "use_ghost_grads": False, "tp_size": 1, "ddp_size": 1, "top_k": 4, "hook_point_in":
         f"blocks.{layer}.hook_resid_post", "hook_point_out": f"blocks.{layer}.hook_resid_post",
         "sae_type": "sae", "dtype": "torch.float32"}
    h.update(extra)
    return h


llama_scope("Llama3_1-8B-Base-L3R-2x", 41, hyperparams(3))
llama_scope("Llama3_1-8B-Base-L5M-2x", 42, hyperparams(5, act_fn="topk", jump_relu_threshold=0.0,
                                                       apply_decoder_bias_to_pre_encoder=True,
                                                       hook_point_in="blocks.5.hook_mlp_out",
                                                       hook_point_out="blocks.5.hook_mlp_out",
                                                       dataset_average_activation_norm={"in": 3.0, "out": 3.0}))

# ------------------------------------------------------------------------------------------------- hostile
# Each a file the readers must refuse with one error line.


class Evil:
    """torch.save pickles it as a call of its __reduce__ target: os.system."""

    def __init__(self, arg):
        self.arg = arg

    def __reduce__(self):
        return os.system, (self.arg,)


gen = torch.Generator().manual_seed(51)
evil = AutoEncoder(D, F)
fill(evil, gen, linear)
sd = collections.OrderedDict((k, v.detach()) for k, v in evil.state_dict().items())
sd["decoder.hook"] = Evil("echo pwned")
torch.save(sd, out("hostile", "evil_ae", "ae.pt"))
with open(out("hostile", "evil_ae", "config.json"), "w") as f:
    json.dump(trainer_config("AutoEncoder", "StandardTrainer"), f, indent=4)

# A TopK SAE whose encoder.weight has one column too few, and one without its b_dec.
short = AutoEncoderTopK(D, F, 3)
fill(short, gen, linear)
sd = {k: v.detach() for k, v in short.state_dict().items()}
sd["encoder.weight"] = sd["encoder.weight"][:, :D - 1].clone()
torch.save(sd, out("hostile", "wrong_shape", "ae.pt"))
sd = {k: v.detach() for k, v in short.state_dict().items() if k != "b_dec"}
torch.save(sd, out("hostile", "missing_tensor", "ae.pt"))
for folder in ("wrong_shape", "missing_tensor"):
    with open(out("hostile", folder, "config.json"), "w") as f:
        json.dump(trainer_config("AutoEncoderTopK", "TopKTrainer", k=3), f, indent=4)
# A TopK SAE without its k buffer (as older versions saved it) whose config asks for k = 20 > dict_size = 16.
sd = {k: v.detach() for k, v in short.state_dict().items() if k != "k"}
torch.save(sd, out("hostile", "k_too_large", "ae.pt"))
with open(out("hostile", "k_too_large", "config.json"), "w") as f:
    json.dump(trainer_config("AutoEncoderTopK", "TopKTrainer", k=20), f, indent=4)

# An OpenAI state dict without decoder.weight.
ae = OpenAiAutoencoder(F, D)
fill(ae, gen, {"pre_bias": 0.5, "encoder.weight": 0.6, "latent_bias": 0.3, "decoder.weight": 0.5})
sd = ae.state_dict()
del sd["decoder.weight"]
sd["activation"] = "ReLU"
sd["activation_state_dict"] = collections.OrderedDict()
torch.save(sd, out("hostile", "openai_no_decoder.pt"))

# Gemma Scope params whose W_enc has the wrong width.
np.savez(out("hostile", "gemma_wrong_shape", "params.npz"),
         W_enc=np.zeros((D, F - 1), np.float32), W_dec=np.zeros((F, D), np.float32), b_enc=np.zeros(F, np.float32),
         b_dec=np.zeros(D, np.float32), threshold=np.zeros(F, np.float32))
# Gemma Scope params with an object array (np.load would need allow_pickle=True, which runs pickle code).
np.savez(out("hostile", "gemma_object", "params.npz"),
         W_enc=np.array([np.zeros(F, np.float32)] * D + [None], dtype=object), W_dec=np.zeros((F, D), np.float32),
         b_enc=np.zeros(F, np.float32), b_dec=np.zeros(D, np.float32), threshold=np.zeros(F, np.float32))
