import type { Request, Response } from 'express';
import { withinMs } from '../kernel/time/within-ms.js';
import type { Services } from '../services.js';

/**
 * 200 when Postgres and Redis both answer, 503 naming the one that does not, within
 * DATABASE_ANSWER_TIMEOUT_MS (REDIS_ANSWER_TIMEOUT_MS bounds every Redis command): a load balancer
 * learns of a silent service from a prompt answer.
 */
export function healthHandler(services: Services) {
  return async (_req: Request, res: Response) => {
    const ms = services.config.DATABASE_ANSWER_TIMEOUT_MS;
    const checks = await Promise.allSettled([
      withinMs(services.orm.em.fork().getConnection().execute('select 1'), ms, () => {
        throw new Error(`no answer in ${ms} ms`);
      }),
      services.redis.ping(),
    ]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  };
}
