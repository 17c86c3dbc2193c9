import { pino, type DestinationStream, type Logger } from 'pino';
import { SECRET_CONFIG_KEYS } from '../config/config.js';

export type { Logger };

/** One JSON line per event; secrets are redacted wherever they appear in a logged object. `destination`: stdout unless given (tests capture it). */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: [
      '*.password',
      '*.currentPassword',
      '*.newPassword',
      '*.token',
      '*.authorization',
      'req.headers.authorization',
      ...SECRET_CONFIG_KEYS,
    ],
  };
  return destination ? pino(options, destination) : pino(options);
}
