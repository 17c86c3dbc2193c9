import type { Request, Response } from 'express';
import type { Services } from '../services.js';

/** 200 when Postgres and Redis both answer, 503 naming the one that does not. */
export function healthHandler(services: Services) {
  return async (_req: Request, res: Response) => {
    const checks = await Promise.allSettled([services.orm.em.fork().getConnection().execute('select 1'), services.redis.ping()]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  };
}
