#!/usr/bin/env bash
# Fyr's one entry point for people and CI.
#
#   ./packaging/fyr.sh run [fyr options]   install what is missing, build, start the console
#   ./packaging/fyr.sh test [ctest args]   install what is missing, build, run the whole test suite
#   ./packaging/fyr.sh setup               install what is missing and build, nothing else
#   ./packaging/fyr.sh deps                only check/install the Debian packages
#
# Environment: FYR_PRESET (default: release), FYR_JOBS (build jobs), CI=true turns
# compiler warnings into errors.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
preset="${FYR_PRESET:-release}"
packages_file="$here/debian-packages.txt"

say() { printf 'fyr: %s\n' "$*"; }
die() { printf 'fyr: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

required_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$packages_file" | grep -v '^$'
}

missing_packages() {
  local pkg missing=()
  while read -r pkg; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done < <(required_packages)
  printf '%s\n' "${missing[@]+"${missing[@]}"}"
}

install_deps() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian-based system: install the equivalents of $packages_file yourself; trying to build anyway"
    return 0
  fi
  local missing
  mapfile -t missing < <(missing_packages | grep -v '^$' || true)
  if [ "${#missing[@]}" -eq 0 ]; then
    say "all $(required_packages | wc -l) Debian packages are installed"
    return 0
  fi
  say "installing ${#missing[@]} missing Debian package(s): ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      cat >&2 <<MSG
fyr: error: these Debian packages are missing and installing them needs root:
  ${missing[*]}
Install them, then run this command again:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}
MSG
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q || die "apt-get update failed (no network or no package mirror?)"
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
  mapfile -t missing < <(missing_packages | grep -v '^$' || true)
  [ "${#missing[@]}" -eq 0 ] || die "still missing after apt-get install: ${missing[*]}"
}

build() {
  # nvcc lives outside PATH in NVIDIA's default install; CUDA is optional either way.
  if ! command -v nvcc >/dev/null 2>&1 && [ -x /usr/local/cuda/bin/nvcc ]; then
    export PATH="/usr/local/cuda/bin:$PATH"
  fi
  cd "$root"
  local build_dir="$root/build/$preset"
  local extra=()
  if [ "${CI:-}" = "true" ]; then extra+=(-DFYR_WERROR=ON); fi
  # Configure once; afterwards Ninja re-runs CMake by itself when a CMakeLists changes.
  if [ ! -f "$build_dir/build.ninja" ] || [ "${#extra[@]}" -gt 0 ]; then
    say "configuring ($preset)"
    cmake --preset "$preset" "${extra[@]+"${extra[@]}"}" >"$root/build/configure-$preset.log" 2>&1 || {
      mkdir -p "$root/build"; cat "$root/build/configure-$preset.log" >&2; die "configure failed (log above)"; }
    grep -E '^-- Fyr ' "$root/build/configure-$preset.log" | sed 's/^-- /fyr: /' || true
  fi
  say "building ($preset)"
  local jobs=()
  if [ -n "${FYR_JOBS:-}" ]; then jobs=(--parallel "$FYR_JOBS"); fi
  cmake --build --preset "$preset" "${jobs[@]+"${jobs[@]}"}"
}

have_display() {
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_deps
    mkdir -p "$root/build"
    build
    if ! have_display; then
      cat >&2 <<MSG
fyr: the console is built, but there is no display (DISPLAY and WAYLAND_DISPLAY are unset).
  Under a virtual X server:  xvfb-run -a ./packaging/fyr.sh run
  Without any display:       QT_QPA_PLATFORM=offscreen ./packaging/fyr.sh run
  Headless tool:             ./build/$preset/bin/fyrctl --help
MSG
      exit 2
    fi
    say "starting the console"
    exec "$root/build/$preset/bin/fyr" "$@"
    ;;
  test)
    install_deps
    mkdir -p "$root/build"
    build
    say "running the test suite"
    cd "$root"
    exec ctest --preset "$preset" "$@"
    ;;
  setup)
    install_deps
    mkdir -p "$root/build"
    build
    ;;
  deps)
    install_deps
    ;;
  -h|--help|help)
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
