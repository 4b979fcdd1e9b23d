#!/usr/bin/env python3
"""Generate Sources/TurnscopeModel/Pricing/BundledPrices.swift from LiteLLM's price table.

LiteLLM (MIT, Copyright (c) 2023 Berri AI) ships its model price map inside the PyPI wheel as
`litellm/model_prices_and_context_window_backup.json`. This script takes that file from a pinned
wheel, keeps the entries that price LLM turns per token, and writes them as one compact JSON text
inside one Swift raw string literal: a big string literal compiles in a blink, whereas a big array
literal makes the type checker crawl.

Usage:
    python3 scripts/make-prices.py                      # pip download litellm==VERSION into a temp dir
    python3 scripts/make-prices.py --wheel PATH.whl     # use a wheel already on disk
    python3 scripts/make-prices.py --version 1.110.0    # another pinned version

Standard library only (plus the `pip` command when no --wheel is given). The output is
deterministic: entries and fields are sorted, numbers are written by Python's shortest repr.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_VERSION = "1.109.1"
JSON_MEMBER = "litellm/model_prices_and_context_window_backup.json"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "Sources", "TurnscopeModel", "Pricing", "BundledPrices.swift")

# Modes whose calls are LLM turns priced per token. Image, audio, rerank and the like are billed
# per image, second or query and have no place in a turn's cost.
KEPT_MODES = {"chat", "responses", "completion", "embedding"}

# Our field name -> LiteLLM field name, for the base prices.
BASE_FIELDS = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cacheRead": "cache_read_input_token_cost",
    "cacheWrite5m": "cache_creation_input_token_cost",
    # LiteLLM's name says "above_1hr" but the price is for writes with the 1-hour TTL.
    "cacheWrite1h": "cache_creation_input_token_cost_above_1hr",
    "reasoning": "output_cost_per_reasoning_token",
}

# The long-context tier: LiteLLM bills every token of a request whose prompt exceeds 200k tokens at
# these prices. Other thresholds (128k, 272k, …) exist in LiteLLM but are not carried over yet.
TIER_THRESHOLD = 200_000
TIER_FIELDS = {
    "input": "input_cost_per_token_above_200k_tokens",
    "output": "output_cost_per_token_above_200k_tokens",
    "cacheRead": "cache_read_input_token_cost_above_200k_tokens",
    "cacheWrite5m": "cache_creation_input_token_cost_above_200k_tokens",
    "cacheWrite1h": "cache_creation_input_token_cost_above_1hr_above_200k_tokens",
}

MAX_BYTES = 500_000


def price(value: object) -> float | None:
    """A per-token price, or None when absent or not a usable number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    if not math.isfinite(value) or value < 0:
        return None
    return value


def convert(entry: dict) -> dict | None:
    """Our compact form of one LiteLLM entry, or None when it does not price LLM turns."""
    if entry.get("mode") not in KEPT_MODES:
        return None
    out: dict = {}
    for ours, theirs in BASE_FIELDS.items():
        value = price(entry.get(theirs))
        if value is not None:
            out[ours] = value
    if "input" not in out or "output" not in out:
        return None
    # A reasoning price equal to the output price says nothing new; leaving it out keeps the table
    # small and the rule simple ("reasoning is output unless priced apart").
    if out.get("reasoning") == out["output"]:
        del out["reasoning"]
    tier: dict = {}
    for ours, theirs in TIER_FIELDS.items():
        value = price(entry.get(theirs))
        if value is not None:
            tier[ours] = value
    if "input" in tier and "output" in tier:
        tier["threshold"] = TIER_THRESHOLD
        out["longContext"] = tier
    provider = entry.get("litellm_provider")
    if isinstance(provider, str) and provider:
        out["provider"] = provider
    return out


def fetch_wheel(version: str, directory: str) -> str:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", f"litellm=={version}", "-d", directory],
        check=True,
    )
    wheels = sorted(glob.glob(os.path.join(directory, f"litellm-{version}-*.whl")))
    if not wheels:
        sys.exit(f"pip download produced no litellm-{version} wheel in {directory}")
    return wheels[0]


def wheel_version(path: str) -> str:
    with zipfile.ZipFile(path) as wheel:
        for name in wheel.namelist():
            if name.endswith(".dist-info/METADATA"):
                for line in wheel.read(name).decode("utf-8").splitlines():
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
    sys.exit(f"{path}: no Version in the wheel's METADATA")


def render(models: dict, version: str, source_sha256: str, source_count: int) -> str:
    lines = []
    for key in sorted(models):
        member = json.dumps(key, ensure_ascii=True) + ":" + json.dumps(
            models[key], sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
        )
        lines.append(member)
    body = "{\n" + ",\n".join(lines) + "\n}"
    # The raw string is delimited by #"""…"""#: only `"#` (which would end it early) or `\#`
    # (an interpolation) could break it. Neither occurs in ASCII-escaped JSON of model names, but
    # the check keeps a future model name from producing Swift that fails to compile.
    if '"#' in body or "\\#" in body:
        sys.exit('a model name contains "# or \\#; widen the raw-string delimiter to ##')
    header = f"""\
// GENERATED by scripts/make-prices.py. Do not edit by hand; regenerate with:
//     python3 scripts/make-prices.py [--wheel litellm-{version}-….whl]
//
// Source: LiteLLM {version} (PyPI wheel), {JSON_MEMBER}
//         sha256 {source_sha256}, {source_count} entries, {len(models)} kept
//         (modes {", ".join(sorted(KEPT_MODES))} with per-token input and output prices).
// License of the source data: MIT, Copyright (c) 2023 Berri AI (https://github.com/BerriAI/litellm).
//
// Shape (the same as a user price-override file, see PriceTable.overrides(contentsOf:)):
//   {{"model-key": {{"input": USD/token, "output": …, "cacheRead": …, "cacheWrite5m": …,
//                  "cacheWrite1h": …, "reasoning": …, "provider": "litellm_provider",
//                  "longContext": {{"threshold": 200000, "input": …, "output": …, "cacheRead": …,
//                                  "cacheWrite5m": …, "cacheWrite1h": …}}}}}}
// Kept as one string literal because a string compiles fast and a large array literal does not.

/// The bundled LiteLLM price table as compact JSON, parsed once by `PriceTable.bundled`.
let bundledPricesJSON = #\"\"\"
"""
    return header + body + '\n"""#\n'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", help="a litellm wheel already on disk (skips pip download)")
    parser.add_argument("--version", default=DEFAULT_VERSION, help=f"litellm version to download (default {DEFAULT_VERSION})")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="the Swift file to write")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        wheel_path = args.wheel or fetch_wheel(args.version, scratch)
        version = wheel_version(wheel_path)
        if args.wheel is None and version != args.version:
            sys.exit(f"downloaded wheel is litellm {version}, expected {args.version}")
        with zipfile.ZipFile(wheel_path) as wheel:
            raw = wheel.read(JSON_MEMBER)

    source = json.loads(raw)
    models = {}
    for key, entry in source.items():
        if key == "sample_spec" or not isinstance(entry, dict):
            continue
        converted = convert(entry)
        if converted is not None:
            models[key] = converted

    text = render(models, version, hashlib.sha256(raw).hexdigest(), len(source))
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        sys.exit(f"generated file is {size} bytes, above the {MAX_BYTES}-byte budget; drop fields or modes")
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"wrote {args.output}: {len(models)} models, {size} bytes (litellm {version})")


if __name__ == "__main__":
    main()
