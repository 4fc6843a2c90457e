// `npm start` runs this after `npm run build`: it says where the built extensions are and how to load them,
// then starts the sync server when there is one (issue 3 adds server/main.ts; nothing here changes then).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chrome = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
const firefox = fileURLToPath(new URL('../.output/firefox-mv3', import.meta.url));
const server = fileURLToPath(new URL('../server/main.ts', import.meta.url));

for (const [dir, name] of [
  [chrome, 'Chrome'],
  [firefox, 'Firefox'],
]) {
  if (!existsSync(`${dir}/manifest.json`)) {
    console.error(`The ${name} build is missing (${dir}): run \`npm run build\` (npm start does it first).`);
    process.exit(1);
  }
}

console.log(`Latchkey is built.

  Chrome / Chromium / Edge:  ${chrome}
    open chrome://extensions, switch on "Developer mode", click "Load unpacked" and pick that folder.

  Firefox:                   ${firefox}
    open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and pick manifest.json
    in that folder (temporary add-ons are removed when Firefox quits).
`);

if (!existsSync(server)) {
  console.log(
    'The sync server arrives with issue 3 (server/main.ts); until then the extension works offline.',
  );
  process.exit(0);
}

console.log('Starting the sync server (server/main.ts); Ctrl+C stops it.\n');
const child = spawn(process.execPath, ['--import', 'tsx', server], { cwd: root, stdio: 'inherit' });
// Pass Ctrl+C / a service manager's SIGTERM on to the server, and exit as it does.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
