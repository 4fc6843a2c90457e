import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A private PostgreSQL cluster for tests: Debian's server binaries (not on PATH; TOOLCHAIN.md), a fresh data
 * directory in a temp dir, listening on 127.0.0.1 on a free port, with fsync on (the crash tests rely on
 * PostgreSQL's durability being real). No system service is involved; stop() shuts it down and deletes the
 * directory. Takes about a second.
 *
 * Per file:   let pgc: PgCluster; beforeAll(async () => { pgc = await startPgCluster(); }, 30_000);
 *             afterAll(() => pgc.stop());
 * Globally:   in a vitest globalSetup, `const pgc = await startPgCluster(); project.provide('pgUrl', pgc.url);`
 *             and return pgc.stop as the teardown.
 */
export interface PgCluster {
  /** URL of a database created for the caller ("latchkey"). */
  url: string;
  /** Creates another empty database (isolation between test files sharing one cluster); returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);

const SUPERUSER = 'postgres';
/** Whom to run the server as when we are root (PostgreSQL refuses to run as root). */
const UNPRIVILEGED_USERS = ['postgres', 'nobody'];
const START_ATTEMPTS = 3;

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findServerBinaries();
  const as = unprivilegedPrefix();
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const password = randomBytes(18).toString('hex');
  const pwFile = join(dir, 'password');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (as.owner) {
    chownSync(dir, as.owner.uid, as.owner.gid);
    chownSync(pwFile, as.owner.uid, as.owner.gid);
    // The user must be able to reach the directory through its parents (a TMPDIR under /root would not do).
    const reachable = spawnSync(...commandLine(as.prefix, 'test', ['-w', dir]), { stdio: 'ignore' });
    if (reachable.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${dir} is not writable by ${as.user}: point TMPDIR at a world-traversable directory`);
    }
  }

  const pgCtl = (args: string[]) => run(...commandLine(as.prefix, join(bin, 'pg_ctl'), args));
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(
      ...commandLine(as.prefix, join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
      {
        stdio: 'ignore',
      },
    );
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without calling stop() must not leave a postgres behind.
  process.once('exit', stopNow);

  try {
    // --no-sync only skips initdb's final flush of the template files; the running server keeps fsync on.
    await run(
      ...commandLine(as.prefix, join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        `--pwfile=${pwFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]),
    );
    const port = await startServer(pgCtl, dataDir, dir, logFile);
    const base = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}`;
    const createDatabase = async (name = `test_${randomBytes(6).toString('hex')}`): Promise<string> => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    };
    const url = await createDatabase('latchkey');
    return {
      url,
      createDatabase,
      async stop() {
        if (stopped) return;
        process.removeListener('exit', stopNow);
        stopped = true;
        try {
          // Immediate: no shutdown checkpoint to wait for, since the data is deleted next.
          await pgCtl(['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2_000) : '(no log)';
    stopNow();
    throw new Error(`could not start a PostgreSQL cluster: ${errorText(error)}\n${log}`, { cause: error });
  }
}

/** The newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl (Debian's layout), or PG_BIN_DIR. */
function findServerBinaries(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((major) => join(root, major, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (or PG_BIN_DIR): ' +
        'run `apt-get install -y postgresql` (scripts/test.sh does it)',
    );
  }
  return found;
}

interface RunAs {
  /** Command prefix that drops privileges (empty when we are not root). */
  prefix: string[];
  owner?: { uid: number; gid: number };
  user?: string;
}

/**
 * PostgreSQL refuses to run as root. As root we run its binaries as an existing unprivileged user with
 * setpriv (util-linux: a plain exec, no PAM, no login shell, so even `nobody` works) or runuser.
 */
function unprivilegedPrefix(): RunAs {
  if (process.getuid?.() !== 0) return { prefix: [] };
  for (const user of UNPRIVILEGED_USERS) {
    let uid: number;
    let gid: number;
    try {
      uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    } catch {
      continue; // no such user
    }
    if (commandExists('setpriv')) {
      return {
        prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'],
        owner: { uid, gid },
        user,
      };
    }
    if (commandExists('runuser')) return { prefix: ['runuser', '-u', user, '--'], owner: { uid, gid }, user };
  }
  throw new Error(
    'running as root, but found no unprivileged user (postgres, nobody) and no setpriv/runuser',
  );
}

function commandExists(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function commandLine(prefix: string[], command: string, args: string[]): [string, string[]] {
  const [first, ...rest] = [...prefix, command, ...args];
  return [first ?? command, rest];
}

/** Starts the server on a free port; retries on another port if one was taken between probe and start. */
async function startServer(
  pgCtl: (args: string[]) => Promise<unknown>,
  dataDir: string,
  socketDir: string,
  logFile: string,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // pg_ctl hands -o to the server through /bin/sh: the temp paths are quoted.
    const options = [
      `-c listen_addresses=127.0.0.1 -p ${port} -k '${socketDir}'`,
      '-c fsync=on -c synchronous_commit=on -c full_page_writes=on',
      '-c max_connections=200',
    ].join(' ');
    try {
      await pgCtl(['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options, 'start']);
      return port;
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'stderr' in error && typeof error.stderr === 'string') {
    return error.stderr.trim() || String(error);
  }
  return String(error);
}
