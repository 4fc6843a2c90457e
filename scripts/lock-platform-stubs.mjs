// Adds rollup's per-platform optional packages to package-lock.json as entries without a download address.
//
// Why: the npm registry reachable here serves only rollup's linux builds, so `npm install` writes a lockfile
// without the other 24 platforms, and `npm ci` then refuses it ("Missing: @rollup/rollup-… from lock file").
// npm skips optional packages for other platforms, so these entries are never fetched here; elsewhere npm
// resolves them by name and version. Run after any `npm install` that rewrites the lockfile:
//   node scripts/lock-platform-stubs.mjs
import fs from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
if (!rollup?.optionalDependencies) throw new Error('rollup is not in the lockfile');

const OS = ['win32', 'darwin', 'linux', 'android', 'freebsd', 'openbsd', 'openharmony'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'loong64', 'riscv64', 'ppc64', 's390x'];
let added = 0;
for (const [name, version] of Object.entries(rollup.optionalDependencies)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = name.match(/^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/);
  if (!m || !OS.includes(m[1]) || !CPU.includes(m[2]))
    throw new Error(`unexpected rollup platform package ${name}`);
  const entry = { version, cpu: [m[2]], license: 'MIT', optional: true, os: [m[1]] };
  if (m[3]?.startsWith('gnu')) entry.libc = ['glibc'];
  if (m[3]?.startsWith('musl')) entry.libc = ['musl'];
  lock.packages[key] = entry;
  added++;
}
const entries = Object.entries(lock.packages).sort(([a], [b]) =>
  a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
);
lock.packages = Object.fromEntries(entries);
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-platform-stubs: added ${added} rollup platform entries`);
