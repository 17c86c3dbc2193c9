import type { Loaders } from '../request-context.js';
import type { Services } from '../services.js';

/** Who is calling, as the session check resolves it (null when signed out). */
export type Viewer = NonNullable<Awaited<ReturnType<Services['auth']['authenticate']>>>;

export interface GraphqlContext {
  viewer: Viewer | null;
  ip: string;
  requestId: string;
  services: Services;
  loaders: Loaders;
}
