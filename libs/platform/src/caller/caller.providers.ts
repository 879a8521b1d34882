import { Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import type { BaseConfig } from '../config/base-config.js';
import { APP_CONFIG } from '../config/tokens.js';
import type { CallerKey } from './caller-keys.js';
import { CallerSigner } from './caller-signer.js';
import { CallerVerifier } from './caller-verifier.js';
import { registerRpcVerifier } from './rpc-callers.js';

/** What a config carries when its process mints assertions (see callerSigningConfigShape). */
interface SigningConfig {
  CALLER_SIGNING_KEY?: CallerKey;
  CALLER_ASSERTION_TTL_S?: number;
}

/** Registers the service's verifier for `handleRpc` while the app lives (see rpc-callers.ts). */
@Injectable()
export class RpcVerifierRegistration implements OnModuleDestroy {
  private readonly unregister: () => void;

  constructor(verifier: CallerVerifier) {
    this.unregister = registerRpcVerifier(verifier);
  }

  onModuleDestroy(): void {
    this.unregister();
  }
}

/**
 * The signer of a process whose config has CALLER_SIGNING_KEY (the gateway), or undefined. Its public key must be one
 * the services trust: a gateway whose key is missing from its own CALLER_VERIFY_KEYS refuses to start, since every
 * service given the same list would refuse all its calls.
 */
export function signerFrom(config: BaseConfig & SigningConfig): CallerSigner | undefined {
  const key = config.CALLER_SIGNING_KEY;
  if (!key) return undefined;
  if (!config.CALLER_VERIFY_KEYS.some((k) => k.kid === key.kid)) {
    throw new Error(
      `CALLER_SIGNING_KEY: its public key (kid ${key.kid}) is not in CALLER_VERIFY_KEYS; services would refuse every call`,
    );
  }
  return new CallerSigner(key, config.CALLER_ASSERTION_TTL_S);
}

export function callerProviders(service: string): Provider[] {
  return [
    {
      provide: CallerVerifier,
      useFactory: (config: BaseConfig) => new CallerVerifier(config.CALLER_VERIFY_KEYS, service),
      inject: [APP_CONFIG],
    },
    RpcVerifierRegistration,
  ];
}
