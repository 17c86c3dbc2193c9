/** Node and driver codes of a connection that failed or was refused (Postgres SQLSTATE class 08, 57P01-57P03). */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
/**
 * ioredis's refusals while disconnected or silent (REDIS_ANSWER_TIMEOUT_MS); pg's and knex's when the connection dies mid-query or
 * mid-transaction, when opening one times out (`timeout expired`), or no pooled one frees in time.
 */
const OUTAGE_MESSAGES =
  /Connection is closed|Stream isn't writeable|Reached the max retries per request|Command timed out|Connection terminated|connect ECONNREFUSED|Transaction query already complete|Timeout acquiring a connection|^timeout expired$/;

/** Whether an error means Postgres or Redis is unreachable (rather than a bug): answered as SERVICE_UNAVAILABLE. */
export function isOutage(error: unknown): boolean {
  // MikroORM keeps the driver's error in `previous`, others in `cause`.
  for (
    let e: unknown = error, depth = 0;
    e instanceof Error && depth < 5;
    e = e.cause ?? (e as { previous?: unknown }).previous, depth += 1
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
    if (e.name === 'MaxRetriesPerRequestError' || e.name === 'ConnectionException' || OUTAGE_MESSAGES.test(e.message)) return true;
  }
  return false;
}
