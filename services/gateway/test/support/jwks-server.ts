import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** A stand-in for an organisation's identity provider: a JWKS over http on 127.0.0.1 and a token signer. */
export interface TestIdp {
  jwksUrl: string;
  /** How many requests the key set was served for. */
  requests(): number;
  sign(claims: JWTPayload, options?: { expiresIn?: string | number; key?: 'trusted' | 'untrusted' }): Promise<string>;
  close(): Promise<void>;
}

export async function startIdp(): Promise<TestIdp> {
  const trusted = await generateKeyPair('RS256');
  const untrusted = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let served = 0;
  const server: Server = createServer((req, res) => {
    served++;
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    requests: () => served,
    sign(claims, options = {}) {
      const key: CryptoKey = options.key === 'untrusted' ? untrusted.privateKey : trusted.privateKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the gateway keeps its key-set connections alive
      }),
  };
}

/** An unsecured JWT (`alg: none`) carrying `claims`. */
export function unsecuredJwt(claims: JWTPayload): string {
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}
