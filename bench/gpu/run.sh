#!/usr/bin/env bash
# The GPU check, one command: builds Finch's engine against this machine's torch, then
#  (a) parity: Finch's logits against transformers' on the same device, fp32 and bf16;
#  (b) speed: full and LoRA fine-tuning of Llama-3.2-1B's shapes (random weights, bf16,
#      1024 tokens a row) by Finch and by Hugging Face's Trainer (+ PEFT), same batch.
# Writes $OUT/gpu.json (parity, finch, peer, goals) and $OUT/gpu.log.
#
#   bench/gpu/run.sh             on a CUDA machine (an H200: about 5 minutes)
#   bench/gpu/run.sh --dry-run   the same steps on the CPU with a tiny model (CI runs it)
#
# Needs: CMake, Ninja, a C++20 compiler, and a Python with torch, transformers and peft
# ($FINCH_GPU_PYTHON, else .venv-reference/bin/python, else python3), and nlohmann_json's
# header: the system's, or on a machine without it the copy that bench/gpu/stage-headers.sh
# makes here in .device-headers/ (ignored by git; the device run carries it).
set -euo pipefail
cd "$(dirname "$0")/../.."
dry_run=0
[[ ${1:-} == --dry-run ]] && dry_run=1
work=${FINCH_GPU_BUILD:-build-gpu}
OUT=${OUT:-$work/out}
mkdir -p "$OUT" "$work"
exec > >(tee "$OUT/gpu.log") 2>&1
python=${FINCH_GPU_PYTHON:-}
[[ -z $python && -x .venv-reference/bin/python ]] && python=.venv-reference/bin/python
python=${python:-python3}

if ((dry_run)); then
  device=cpu shape=dry batch=2 seq=64 steps=8 warmup=3 peak_tflops=0
else
  device=cuda shape=full batch=${FINCH_GPU_BATCH:-8} seq=1024 steps=${FINCH_GPU_STEPS:-30} warmup=10
  peak_tflops=${FINCH_GPU_PEAK_TFLOPS:-989} # H100/H200 SXM, dense bf16
fi
echo "== $(date -u +%FT%TZ) device $device, $(nproc) cores; $python: $("$python" -c 'import torch, transformers, peft; print("torch", torch.__version__, "transformers", transformers.__version__, "peft", peft.__version__)')"
[[ $device == cuda ]] && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true

echo "== build"
torch_cmake=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
command -v nvcc >/dev/null || export PATH=$PATH:/usr/local/cuda/bin
cmake -S bench/gpu -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch_cmake/Torch" >/dev/null
cmake --build "$work/build"
bench=$work/build/finch-gpu-bench

echo "== parity"
rm -rf "$work/parity" "$work/shape" && mkdir -p "$work/parity" "$work/shape"
"$python" bench/gpu/peer.py parity "$work/parity" "$device"
for precision in fp32 bf16; do
  "$bench" logits "$work/parity" "$work/parity/ids.json" "$device" "$precision" "$work/parity/finch_$precision.json"
done

echo "== speed: batch $batch x $seq tokens, $steps steps ($warmup untimed), bf16"
"$python" bench/gpu/peer.py shape "$work/shape/config.json" "$shape"
for method in full lora; do
  # Each side in a process of its own, so that peak memory is its own.
  "$bench" train "$work/shape/config.json" "$method" "$batch" "$seq" "$steps" "$warmup" "$device" bf16 0 |
    tail -1 | "$python" -c "import json,sys; r=json.load(sys.stdin); r['seq']=$seq; r['batch']=$batch; print(json.dumps(r))" \
    >"$work/finch_$method.json"
  echo "finch $method: $(cat "$work/finch_$method.json")"
  "$python" bench/gpu/peer.py train "$work/shape/config.json" "$method" "$batch" "$seq" "$steps" "$warmup" "$device" |
    tail -1 | "$python" -c "import json,sys; r=json.load(sys.stdin); r['seq']=$seq; r['batch']=$batch; print(json.dumps(r))" \
    >"$work/peer_$method.json"
  echo "peer $method: $(cat "$work/peer_$method.json")"
done

echo "== report"
status=0
"$python" bench/gpu/peer.py report "$work" "$device" "$peak_tflops" >"$OUT/gpu.json" || status=$?
cat "$OUT/gpu.json"
exit $status
