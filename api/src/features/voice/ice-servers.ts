import { createHmac } from 'node:crypto';
import type { IceServerView } from './voice-state.js';

export interface IceConfig {
  stunUrls: readonly string[];
  turnUrls: readonly string[];
  turnSecret: string;
  credentialTtlSeconds: number;
}

/**
 * STUN as configured, and TURN with short-lived credentials in coturn's REST-API scheme
 * (use-auth-secret): username "expiry:userId", credential base64(HMAC-SHA1(secret, username)).
 */
export function iceServersFor(userId: string, config: IceConfig, now = Date.now()): IceServerView[] {
  const servers: IceServerView[] = [];
  if (config.stunUrls.length) servers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length && config.turnSecret) {
    const username = `${Math.floor(now / 1000) + config.credentialTtlSeconds}:${userId}`;
    const credential = createHmac('sha1', config.turnSecret).update(username).digest('base64');
    servers.push({ urls: [...config.turnUrls], username, credential });
  }
  return servers;
}
