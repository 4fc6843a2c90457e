#!/usr/bin/env bash
# `npm test`: every check, from a fresh clone on a machine with only Node, npm, python3 and g++ (as root, or
# with sudo, for apt). Installs what is missing, then runs: static checks (`npm run check`), the extension
# build, the unit tests (vitest: Node and real Chromium), `web-ext lint` on the Firefox build, and the e2e
# tests against the built extension. It goes on after a failure, so one run shows everything that is broken,
# and ends with the line `N passed, N failed` (tests counted one by one, plus check, build and lint as one
# each); the exit code is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
timings=()

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
banner() { printf '\n==> %s\n' "$*"; }

# record <name> <start> <passed> <failed>
record() {
  passed=$((passed + $3))
  failed=$((failed + $4))
  timings+=("$(printf '%-16s %6ss  %4d passed  %4d failed' "$1" "$(since "$2")" "$3" "$4")")
}

# step <name> <command…>: a command that passes or fails as a whole.
step() {
  local name=$1 start
  shift
  banner "$name: $*"
  start=$(now)
  if "$@"; then record "$name" "$start" 1 0; return 0; fi
  record "$name" "$start" 0 1
  return 1
}

# vitest_step <name> <vitest args…>: counts vitest's tests one by one (JSON reporter). A run that fails with
# no failed test (a file that does not import, a config error, a crash) counts as one failure.
vitest_step() {
  local name=$1 start json="$tmp/$1.json" status counts
  shift
  banner "$name: vitest run $*"
  start=$(now)
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$json"
  status=$?
  counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests);
  ' "$json" 2>/dev/null) || counts="0 0 0"
  read -r ok ko skipped <<<"$counts"
  if [ "$status" -ne 0 ] && [ "$ko" -eq 0 ]; then ko=1; fi
  if [ "$skipped" -gt 0 ]; then echo "$name: $skipped test(s) skipped or todo"; fi
  # The names of the failed tests, kept for the summary (CI shows only the end of the log).
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const file of r.testResults)
      for (const t of file.assertionResults)
        if (t.status === "failed")
          console.log(`FAILED ${file.name.replace(process.cwd() + "/", "")} > ${t.fullName}: ${(t.failureMessages[0] ?? "").split("\n")[0].slice(0, 200)}`);
  ' "$json" >>"$tmp/failures" 2>/dev/null || true
  record "$name" "$start" "$ok" "$ko"
}

# web-ext's own linter (addons-linter), as addons.mozilla.org runs it: errors fail, warnings are printed.
web_ext_lint() {
  local report="$tmp/web-ext-lint.json"
  npx web-ext lint --source-dir .output/firefox-mv3 --output json >"$report"
  local status=$?
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const kind of ["errors", "warnings", "notices"]) {
      for (const m of r[kind]) {
        const where = m.file ? ` (${m.file}${m.line ? ":" + m.line : ""})` : "";
        console.log(`${kind.slice(0, -1)}: ${m.code}: ${m.message}${where}`);
      }
    }
    const s = r.summary;
    console.log(`web-ext lint: ${s.errors} error(s), ${s.warnings} warning(s), ${s.notices} notice(s)`);
    process.exit(s.errors > 0 ? 1 : 0);
  ' "$report" && [ "$status" -eq 0 ]
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2
    return 1
  fi
}

have_chromium() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; }
# The storage and server tests start a private PostgreSQL cluster from Debian's server binaries, which are not
# on PATH (tests/helpers/pg-cluster.ts).
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_firefox() { command -v firefox-esr >/dev/null || command -v firefox >/dev/null; }
# The sync-shortcut e2e test runs Chromium headed on a private X server and presses the keys with xdotool.
have_xkeys() { command -v Xvfb >/dev/null && command -v xdotool >/dev/null; }
# The autofill e2e tests serve their pages over https with a certificate made at start by openssl.
have_openssl() { command -v openssl >/dev/null; }

# ---- what the tests need -------------------------------------------------------------------------------
start_all=$(now)
setup_start=$(now)
banner 'setup'
if [ ! -d node_modules ]; then
  echo 'node_modules is missing: npm ci'
  npm ci || { echo 'npm ci failed'; echo '0 passed, 1 failed'; exit 1; }
fi
apt_packages=()
if ! have_chromium; then
  echo 'Chromium is not on PATH: installing it from Debian (TOOLCHAIN.md)'
  apt_packages+=(chromium)
fi
if ! have_postgres; then
  echo 'PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin): installing them from Debian'
  apt_packages+=(postgresql)
fi
if ! have_firefox; then
  echo 'Firefox is not on PATH: installing firefox-esr from Debian (TOOLCHAIN.md), for the Firefox e2e tests'
  apt_packages+=(firefox-esr)
fi
if ! have_xkeys; then
  echo 'Xvfb or xdotool is missing: installing them from Debian, for the keyboard-shortcut e2e test'
  apt_packages+=(xvfb xdotool)
fi
if ! have_openssl; then
  echo 'openssl is missing: installing it from Debian, for the autofill e2e tests (https test pages)'
  apt_packages+=(openssl)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  # One apt-get update for everything missing.
  as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi
have_chromium || { echo 'could not install Chromium'; echo '0 passed, 1 failed'; exit 1; }
have_postgres || { echo 'could not install PostgreSQL'; echo '0 passed, 1 failed'; exit 1; }
have_firefox || { echo 'could not install Firefox'; echo '0 passed, 1 failed'; exit 1; }
have_xkeys || { echo 'could not install Xvfb and xdotool'; echo '0 passed, 1 failed'; exit 1; }
have_openssl || { echo 'could not install openssl'; echo '0 passed, 1 failed'; exit 1; }
echo "setup done in $(since "$setup_start")s"

# ---- the checks ----------------------------------------------------------------------------------------
step check npm run check
if step build npm run build; then built=1; else built=0; fi
vitest_step unit
if [ "$built" -eq 1 ]; then
  step web-ext-lint web_ext_lint
  vitest_step e2e --config vitest.e2e.config.ts
else
  echo 'the build failed: web-ext lint and the e2e tests cannot run'
  record web-ext-lint "$(now)" 0 1
  record e2e "$(now)" 0 1
fi

banner "summary ($(since "$start_all")s)"
printf '%s\n' "${timings[@]}"
if [ -s "$tmp/failures" ]; then cat "$tmp/failures"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
