#!/bin/sh
# setup.sh: installs what the build and the tests need and a fresh machine
# lacks: Debian's emscripten, wabt, binaryen and chromium (as root, with
# apt-get), and the npm packages of package-lock.json (npm ci
# --ignore-scripts). Each step is skipped when already done, and says what it
# does.
set -eu

missing=""
command -v emcc >/dev/null 2>&1 || missing="$missing emscripten"
command -v wasm-objdump >/dev/null 2>&1 || missing="$missing wabt"
command -v wasm-opt >/dev/null 2>&1 || missing="$missing binaryen"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
command -v clang-format >/dev/null 2>&1 || missing="$missing clang-format" # make lint
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
# Independent references for the examples' results: Debian's argon2 command
# (examples/argon2) and Python's xml.parsers.expat (examples/expat).
command -v argon2 >/dev/null 2>&1 || missing="$missing argon2"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
# Real headers the parser is compared with clang on (tests/clang/).
for pkg in zlib1g-dev libsqlite3-dev libexpat1-dev libyaml-dev libbz2-dev libpng-dev \
  liblzma-dev libsdl2-dev libglib2.0-dev libcjson-dev libzstd-dev libjansson-dev libxml2-dev libicu-dev \
  libclang-rt-14-dev; do # the last: libFuzzer's runtime, for tests/fuzz/
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done

if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --ignore-scripts: better-sqlite3, argon2 and node-expat are only there
  # for the C sources they ship (examples/sqlite, examples/argon2,
  # examples/expat); their install scripts would build native addons.
  echo "setup: installing npm packages (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "setup: ready"
