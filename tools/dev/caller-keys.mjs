#!/usr/bin/env node
// A new caller-assertion key pair (Ed25519; docs/platform.md, "Caller assertions"), as single-line JWKs:
//   node tools/dev/caller-keys.mjs --env > deploy/.env     CALLER_SIGNING_KEY=... and CALLER_VERIFY_KEYS=... for compose
//   node tools/dev/caller-keys.mjs --dir <dir>             signing.jwk (the gateway's secret) and verify.jwk (everyone's)
// `npm start` needs none of this: it makes a pair per run.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signing = JSON.stringify(privateKey.export({ format: 'jwk' }));
const verify = JSON.stringify({ keys: [publicKey.export({ format: 'jwk' })] });
const [mode, dir] = process.argv.slice(2);
if (mode === '--dir' && dir) {
  writeFileSync(path.join(dir, 'signing.jwk'), `${signing}\n`, { mode: 0o600 });
  writeFileSync(path.join(dir, 'verify.jwk'), `${verify}\n`);
} else if (mode === '--env') {
  process.stdout.write(`CALLER_SIGNING_KEY='${signing}'\nCALLER_VERIFY_KEYS='${verify}'\n`);
} else {
  process.stderr.write('usage: caller-keys.mjs --env | --dir <dir>\n');
  process.exit(2);
}
