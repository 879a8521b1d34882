// The project's own local nats-server, with one NATS account per installation: `npm start` gets the account `local`,
// every test file an account of its own. Accounts are separate subject spaces (RPC subjects, heartbeats, events,
// JetStream streams and consumers), so a running Fleetward and the test suite on one machine never answer each
// other's requests or see each other's events.
//
// Node built-ins only: .ci/run starts the server before `npm ci`. The server is shared by every clone on the machine
// (its home is outside the checkout), started detached on first use and left running, like the machine's Postgres.
//   node tools/dev/local-nats.mjs ensure            start it when it is not listening
//   node tools/dev/local-nats.mjs add NAME          create (or reuse) an account; prints its NATS_URL
//   node tools/dev/local-nats.mjs remove NAME       delete an account and its JetStream data
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const localNatsPort = () => Number(process.env.FLEETWARD_NATS_PORT || 4223);
export const localNatsHome = () =>
  process.env.FLEETWARD_NATS_HOME || path.join(os.homedir(), '.local/state/fleetward/nats');
const natsBin = () => process.env.NATS_SERVER_BIN || '/usr/sbin/nats-server';

const ACCOUNT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Test accounts left behind by a run that was killed are removed after this long. */
const STALE_TEST_ACCOUNT_MS = 6 * 3600_000;

const files = (home = localNatsHome()) => ({
  home,
  conf: path.join(home, 'nats.conf'),
  accountsConf: path.join(home, 'accounts.conf'),
  accounts: path.join(home, 'accounts'),
  store: path.join(home, 'jetstream'),
  pid: path.join(home, 'nats.pid'),
  log: path.join(home, 'nats.log'),
  lock: path.join(home, 'accounts.lock'),
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function accountUrl(name, password, port = localNatsPort()) {
  return `nats://${encodeURIComponent(name)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
}

/** Starts the local nats-server when nothing listens on its port. Idempotent; safe to call from many processes. */
export async function ensureLocalNats({ log = () => {} } = {}) {
  const port = localNatsPort();
  if (await listening(port)) return;
  const f = files();
  mkdirSync(f.accounts, { recursive: true });
  await withLock(f, async () => {
    if (await listening(port)) return;
    if (!existsSync(f.accountsConf)) writeAccountsConf(f);
    writeFileSync(
      f.conf,
      [
        `# Written by tools/dev/local-nats.mjs: Fleetward's local development and test NATS. Accounts: accounts.conf.`,
        `listen: "127.0.0.1:${port}"`,
        `pid_file: ${JSON.stringify(f.pid)}`,
        `max_payload: 1MB`,
        `jetstream { store_dir: ${JSON.stringify(f.store)} }`,
        `include "accounts.conf"`,
        '',
      ].join('\n'),
    );
    log(`starting the local nats-server on 127.0.0.1:${port} (home ${f.home})`);
    const out = openSync(f.log, 'a');
    const child = spawn(natsBin(), ['-c', f.conf], { detached: true, stdio: ['ignore', out, out] });
    child.unref();
    closeSync(out);
    for (let i = 0; i < 100 && !(await listening(port)); i++) {
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    if (!(await listening(port))) {
      throw new Error(`the local nats-server did not start on port ${port}; see ${f.log}`);
    }
  });
}

/**
 * Creates the account `name` (or reuses it with its password) and returns its NATS_URL, once the server accepts it.
 */
export async function addAccount(name, { log = () => {} } = {}) {
  if (!ACCOUNT_NAME.test(name)) throw new Error(`invalid NATS account name "${name}": letters, digits, - or _`);
  await ensureLocalNats({ log });
  const f = files();
  const file = path.join(f.accounts, `${name}.json`);
  const account = await withLock(f, async () => {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    const created = { name, password: randomBytes(18).toString('hex'), createdAt: Date.now() };
    writeFileSync(file, JSON.stringify(created));
    pruneStaleTestAccounts(f);
    const names = writeAccountsConf(f);
    reload(f);
    removeOrphanedStores(f, names);
    return created;
  });
  const url = accountUrl(account.name, account.password);
  for (let i = 0; i < 100; i++) {
    if (await accepts(localNatsPort(), account.name, account.password)) return url;
    // Another process may have rewritten accounts.conf from an older listing: write and reload again.
    if (i % 10 === 9) await withLock(f, async () => (writeAccountsConf(f), reload(f)));
    await sleep(50);
  }
  throw new Error(`the local nats-server does not accept the account ${name}; see ${f.log}`);
}

/**
 * A pool of `count` accounts created with one reload (a test run's, before any test file starts): every reload opens
 * a moment in which the server refuses sign-ins and the accounts' JetStream does not answer, so a run that added an
 * account per test file disturbed the files already running. Returns the accounts' names.
 */
export async function addPool(pool, count, { log = () => {} } = {}) {
  if (!ACCOUNT_NAME.test(pool)) throw new Error(`invalid pool name "${pool}"`);
  await ensureLocalNats({ log });
  const f = files();
  const names = Array.from({ length: count }, (_, i) => `t-${pool}-${i}`);
  const accounts = await withLock(f, async () => {
    const created = names.map((name) => ({ name, password: randomBytes(18).toString('hex'), createdAt: Date.now() }));
    for (const a of created) writeFileSync(path.join(f.accounts, `${a.name}.json`), JSON.stringify(a));
    pruneStaleTestAccounts(f);
    const configured = writeAccountsConf(f);
    reload(f);
    removeOrphanedStores(f, configured);
    return created;
  });
  for (const a of accounts) {
    let ok = false;
    for (let i = 0; i < 100 && !ok; i++) ok = (await accepts(localNatsPort(), a.name, a.password)) || (await sleep(50), false);
    if (!ok) throw new Error(`the local nats-server does not accept the account ${a.name}; see ${f.log}`);
  }
  return names;
}

/** Takes one unused account of the pool (no reload): its NATS_URL and name, or null when the pool is used up. */
export function claimFromPool(pool) {
  const f = files();
  mkdirSync(path.join(f.home, 'claims'), { recursive: true });
  for (const entry of readdirSync(f.accounts)) {
    if (!entry.startsWith(`t-${pool}-`) || !entry.endsWith('.json')) continue;
    const name = entry.slice(0, -'.json'.length);
    try {
      closeSync(openSync(path.join(f.home, 'claims', name), 'wx'));
    } catch {
      continue;
    }
    const account = JSON.parse(readFileSync(path.join(f.accounts, entry), 'utf8'));
    return { name, url: accountUrl(name, account.password) };
  }
  return null;
}

/** Deletes a pool's accounts and claims (the next reload, the next account added, drops them from the server). */
export async function removePool(pool) {
  const f = files();
  await withLock(f, async () => {
    for (const entry of readdirSync(f.accounts)) if (entry.startsWith(`t-${pool}-`)) rmSync(path.join(f.accounts, entry), { force: true });
  });
  const claims = path.join(f.home, 'claims');
  if (existsSync(claims)) for (const entry of readdirSync(claims)) if (entry.startsWith(`t-${pool}-`)) rmSync(path.join(claims, entry), { force: true });
}

/**
 * Deletes the account. The server forgets it at the next reload (the next account added), which also deletes its
 * JetStream files: every reload opens a moment in which the server refuses new connections (nats-server 2.9), so
 * removals do not add reloads of their own, and clients connect with waitOnFirstConnect (see natsServerOptions).
 */
export async function removeAccount(name) {
  if (!ACCOUNT_NAME.test(name)) throw new Error(`invalid NATS account name "${name}"`);
  const f = files();
  await withLock(f, async () => rmSync(path.join(f.accounts, `${name}.json`), { force: true }));
}

/** JetStream files of accounts the server no longer has (removed, then reloaded away). */
function removeOrphanedStores(f, names) {
  const dir = path.join(f.store, 'jetstream');
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('t-') && !names.includes(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

function pruneStaleTestAccounts(f) {
  for (const entry of readdirSync(f.accounts)) {
    if (!entry.startsWith('t-') || !entry.endsWith('.json')) continue;
    const file = path.join(f.accounts, entry);
    if (Date.now() - statSync(file).mtimeMs > STALE_TEST_ACCOUNT_MS) rmSync(file, { force: true });
  }
}

function writeAccountsConf(f) {
  const accounts = readdirSync(f.accounts, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => JSON.parse(readFileSync(path.join(f.accounts, d.name), 'utf8')));
  const lines = accounts.map(
    (a) =>
      `  ${a.name}: { jetstream: enabled, users: [ { user: ${JSON.stringify(a.name)}, password: ${JSON.stringify(a.password)} } ] }`,
  );
  // An account nobody uses keeps the block valid when there is no other.
  const body = [
    '# Written by tools/dev/local-nats.mjs from accounts/*.json.',
    'accounts {',
    '  NOBODY: {}',
    ...lines,
    '}',
    '',
  ];
  const tmp = `${f.accountsConf}.${process.pid}.tmp`;
  writeFileSync(tmp, body.join('\n'));
  renameSync(tmp, f.accountsConf);
  return accounts.map((a) => a.name);
}

function reload(f) {
  const pid = Number(readFileSync(f.pid, 'utf8').trim());
  process.kill(pid, 'SIGHUP');
}

/** A lock file shared by every process on the machine; a holder that died more than 10 s ago is taken over. */
async function withLock(f, fn) {
  mkdirSync(f.home, { recursive: true });
  for (let i = 0; ; i++) {
    try {
      closeSync(openSync(f.lock, 'wx'));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - (statSafe(f.lock)?.mtimeMs ?? Date.now());
      if (age > 10_000) rmSync(f.lock, { force: true });
      if (i > 600) throw new Error(`could not take ${f.lock}`, { cause: err });
      await sleep(20);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(f.lock, { force: true });
  }
}

function statSafe(file) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function listening(port) {
  return new Promise((resolve) => {
    const done = (ok) => (clearTimeout(timer), socket.destroy(), resolve(ok));
    const socket = net.connect({ host: '127.0.0.1', port }, () => done(true));
    const timer = setTimeout(() => done(false), 1000);
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/**
 * Speaks just enough of the NATS protocol to learn whether the server accepts these credentials and the account's
 * JetStream answers yet (a reload enables it a moment after the account can sign in): CONNECT, then a request to
 * `$JS.API.INFO`; its reply is a MSG, "no responders" an HMSG with status 503.
 */
function accepts(port, user, pass) {
  return new Promise((resolve) => {
    let buffer = '';
    let sent = false;
    // A hard deadline, and 'close' handled: a server that drops the connection (a reload) must not leave this pending.
    const done = (ok) => (clearTimeout(timer), socket.destroy(), resolve(ok));
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => done(false), 2000);
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      if (!sent && buffer.startsWith('INFO') && buffer.includes('\r\n')) {
        sent = true;
        const connect = { user, pass, verbose: false, pedantic: false, protocol: 1, headers: true, no_responders: true };
        socket.write(`CONNECT ${JSON.stringify(connect)}\r\nSUB _INBOX.fwcheck 1\r\nPUB $JS.API.INFO _INBOX.fwcheck 0\r\n\r\n`);
      }
      if (buffer.includes('-ERR') || buffer.includes('HMSG')) done(false);
      else if (/\r\nMSG _INBOX\.fwcheck /.test(buffer) || buffer.startsWith('MSG _INBOX.fwcheck')) done(true);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, name] = process.argv.slice(2);
  const log = (m) => console.error(`local-nats: ${m}`);
  const run = {
    ensure: () => ensureLocalNats({ log }),
    add: async () => console.log(await addAccount(name, { log })),
    remove: () => removeAccount(name),
  }[command];
  if (!run) {
    console.error('usage: node tools/dev/local-nats.mjs ensure | add NAME | remove NAME');
    process.exit(2);
  }
  run().catch((err) => {
    console.error(`local-nats: ${err.message}`);
    process.exit(1);
  });
}
