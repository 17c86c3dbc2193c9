import type { Request, Response } from 'express';
import { withinMs } from '../kernel/time/within-ms.js';
import type { Services } from '../services.js';

const silent = (ms: number) => (): never => {
  throw new Error(`no answer in ${ms} ms`);
};

/**
 * 200 when Postgres and Redis both answer, 503 naming the one that does not, within
 * DATABASE_ANSWER_TIMEOUT_MS: a load balancer learns of a silent service from a prompt answer.
 */
export function healthHandler(services: Services) {
  return async (_req: Request, res: Response) => {
    const ms = services.config.DATABASE_ANSWER_TIMEOUT_MS;
    const checks = await Promise.allSettled([
      withinMs(services.orm.em.fork().getConnection().execute('select 1'), ms, silent(ms)),
      withinMs(services.redis.ping(), ms, silent(ms)),
    ]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  };
}
