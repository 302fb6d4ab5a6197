#!/usr/bin/env bash
# Copies the one third-party header the GPU check needs (nlohmann_json, from Debian's
# nlohmann-json3-dev) into .device-headers/, for a GPU machine that has no Debian -dev
# packages. The folder is ignored by git and travels with the run that carries it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source=${1:-/usr/include/nlohmann}
[[ -f $source/json.hpp ]] || { echo "stage-headers: no $source/json.hpp (install nlohmann-json3-dev)" >&2; exit 1; }
rm -rf .device-headers/nlohmann
mkdir -p .device-headers
cp -r "$source" .device-headers/nlohmann
echo "staged $(du -sh .device-headers | cut -f1) in .device-headers (carry it to the GPU machine)"
