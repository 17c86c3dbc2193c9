import { pino, type Logger } from 'pino';
import { SECRET_CONFIG_KEYS } from '../config/config.js';

export type { Logger };

/** One JSON line per event; secrets are redacted wherever they appear in a logged object. */
export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    redact: ['*.password', '*.token', '*.authorization', 'req.headers.authorization', ...SECRET_CONFIG_KEYS],
  });
}
