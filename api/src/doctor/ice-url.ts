// STUN/TURN URLs as WebRTC clients read them (RFC 7064, RFC 7065):
// stun:host[:port], turn:host[:port][?transport=udp|tcp], stuns:/turns: for TLS.

export interface IceUrl {
  scheme: 'stun' | 'stuns' | 'turn' | 'turns';
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
}

const ICE_URL = /^(stuns?|turns?):(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i;

/** The parsed URL, or undefined when it is not a STUN/TURN URL. */
export function parseIceUrl(url: string): IceUrl | undefined {
  const match = ICE_URL.exec(url.trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase() as IceUrl['scheme'];
  const secure = scheme.endsWith('s');
  const port = match[3] ? Number(match[3]) : secure ? 5349 : 3478;
  if (port < 1 || port > 65535) return undefined;
  const transport = (match[4]?.toLowerCase() as IceUrl['transport'] | undefined) ?? (secure ? 'tcp' : 'udp');
  return { scheme, host: match[2]!.replace(/^\[(.*)\]$/, '$1'), port, transport };
}
