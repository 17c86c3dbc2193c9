import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address as sign-in limits and /metrics' loopback rule must see it. Behind a reverse
 * proxy (TRUST_PROXY: true, a hop count, or addresses/subnets such as `loopback`), it is the first
 * untrusted address of X-Forwarded-For; otherwise the socket's peer. Express's `trust proxy` semantics.
 */
export function clientIpResolver(trustProxy: boolean | number | string): (req: IncomingMessage) => string {
  const trust =
    typeof trustProxy === 'boolean'
      ? () => trustProxy
      : typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyaddr.compile(trustProxy.split(',').map((part) => part.trim()));
  return (req) => proxyaddr(req, trust) ?? req.socket.remoteAddress ?? 'unknown';
}
