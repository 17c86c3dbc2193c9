import type { Loaders } from '../request-context.js';
import type { Services } from '../services.js';

/** Who is calling, as the session check resolves it (null when signed out). */
export type Viewer = NonNullable<Awaited<ReturnType<Services['auth']['authenticate']>>>;

export interface GraphqlContext {
  viewer: Viewer | null;
  ip: string;
  /** The User-Agent header, cut to 256 characters (a new session records it); null when none was sent. */
  userAgent: string | null;
  requestId: string;
  services: Services;
  loaders: Loaders;
}
