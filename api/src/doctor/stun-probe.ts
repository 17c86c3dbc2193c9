import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { parseIceUrl, type IceUrl } from './ice-url.js';
import {
  allocateRequest,
  bindingRequest,
  decodeMessage,
  longTermKey,
  readErrorCode,
  readText,
  readXorAddress,
  refreshRequest,
  StunAttr,
  StunClass,
  type LongTermAuth,
  type OutgoingRequest,
  type StunMessage,
} from './stun-message.js';

export interface ProbeOptions {
  /** The whole probe gives up after this long (default 3 s). */
  timeoutMs?: number;
}

export type ProbeFailureKind = 'bad-url' | 'not-udp' | 'unresolved' | 'no-answer' | 'rejected' | 'secret-mismatch';

export interface ProbeFailure {
  ok: false;
  kind: ProbeFailureKind;
  problem: string;
}

/** `server` is the address probed; `mappedAddress` is how this machine appears to it. */
export type StunProbeResult = { ok: true; server: string; mappedAddress: string } | ProbeFailure;

/** `released`: the allocation was freed straight away (Refresh, LIFETIME 0) instead of left to expire. */
export type TurnProbeResult = { ok: true; server: string; mappedAddress: string; relayedAddress: string; released: boolean } | ProbeFailure;

const DEFAULT_TIMEOUT_MS = 3000;
const FIRST_RETRANSMIT_MS = 250; // UDP may drop a datagram: resend, doubling the wait (RFC 5389 §7.2.1)
const RELEASE_TIMEOUT_MS = 500;

class Failure extends Error {
  constructor(
    readonly kind: ProbeFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a Binding request: the server answers with this machine's public address. */
export function probeStun(url: string, options: ProbeOptions = {}): Promise<StunProbeResult> {
  return withServer(url, options, async (server) => {
    const mappedAddress = await binding(server, 'the STUN server');
    return { ok: true, server: server.address, mappedAddress };
  });
}

/** Binding, then an Allocate authenticated with the REST-API credentials, then frees the relay. */
export function probeTurn(url: string, username: string, credential: string, options: ProbeOptions = {}): Promise<TurnProbeResult> {
  return withServer(url, options, async (server) => {
    const mappedAddress = await binding(server, 'coturn');
    const challenge = await allocate(server);
    if (challenge.cls === StunClass.Success) {
      // Allocates without credentials: it works, and there is nothing to authenticate.
      return { ok: true, server: server.address, mappedAddress, relayedAddress: relayedAddress(challenge), released: false };
    }
    const realm = readText(challenge, StunAttr.Realm);
    const nonce = readText(challenge, StunAttr.Nonce);
    if (readErrorCode(challenge)?.code !== 401 || realm === undefined || nonce === undefined) {
      throw new Failure('rejected', `refused the Allocate: ${describeError(challenge)}`);
    }
    let auth: LongTermAuth = { username, realm, nonce, key: longTermKey(username, realm, credential) };
    let answer = await allocate(server, auth);
    if (readErrorCode(answer)?.code === 438) {
      // Stale nonce: retry once with the fresh one the server sent.
      auth = { ...auth, nonce: readText(answer, StunAttr.Nonce) ?? nonce };
      answer = await allocate(server, auth);
    }
    if (answer.cls !== StunClass.Success) {
      if (readErrorCode(answer)?.code === 401) {
        throw new Failure('secret-mismatch', "refused the credentials (401): the TURN secret does not match coturn's static-auth-secret");
      }
      throw new Failure('rejected', `refused the authenticated Allocate: ${describeError(answer)}`);
    }
    const relayed = relayedAddress(answer);
    const released = await server.send(refreshRequest(0, auth), RELEASE_TIMEOUT_MS);
    return { ok: true, server: server.address, mappedAddress, relayedAddress: relayed, released: released?.cls === StunClass.Success };
  });
}

async function binding(server: StunServer, who: string): Promise<string> {
  const answer = await server.send(bindingRequest(), server.remainingMs());
  if (!answer) throw server.noAnswer(`is ${who} running and UDP ${server.url.port} open?`);
  if (answer.cls !== StunClass.Success) throw new Failure('rejected', `refused the Binding request: ${describeError(answer)}`);
  const mapped = readXorAddress(answer, StunAttr.XorMappedAddress);
  if (!mapped) throw new Failure('rejected', 'answered Binding without XOR-MAPPED-ADDRESS');
  return mapped;
}

async function allocate(server: StunServer, auth?: LongTermAuth): Promise<StunMessage> {
  const answer = await server.send(allocateRequest(auth), server.remainingMs());
  if (!answer) throw server.noAnswer('it answers STUN Binding but not TURN Allocate: is it a TURN server?');
  return answer;
}

function relayedAddress(answer: StunMessage): string {
  const relayed = readXorAddress(answer, StunAttr.XorRelayedAddress);
  if (!relayed) throw new Failure('rejected', 'allocated without XOR-RELAYED-ADDRESS');
  return relayed;
}

function describeError(message: StunMessage): string {
  const error = readErrorCode(message);
  return error ? `${error.code} ${error.reason}`.trim() : 'an error without ERROR-CODE';
}

/** One UDP socket talking to one server; answers are matched to requests by transaction id. */
class StunServer {
  private readonly waiting = new Map<string, (answer: StunMessage) => void>();
  private readonly deadline: number;
  private sendError: string | undefined;

  constructor(
    readonly url: IceUrl,
    private readonly ip: string,
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    this.deadline = Date.now() + timeoutMs;
    socket.on('message', (data) => {
      const answer = decodeMessage(data);
      if (answer) this.waiting.get(answer.transactionId.toString('hex'))?.(answer);
    });
    socket.on('error', (error) => {
      this.sendError = error.message;
    });
  }

  get address(): string {
    return this.ip.includes(':') ? `[${this.ip}]:${this.url.port}` : `${this.ip}:${this.url.port}`;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  noAnswer(hint: string): Failure {
    const seconds = `${this.timeoutMs / 1000} s`;
    const cause = this.sendError ? ` (${this.sendError})` : '';
    return new Failure('no-answer', `no answer in ${seconds}${cause} — ${hint}`);
  }

  /** The answer, or undefined when none came in time. */
  send(request: OutgoingRequest, timeoutMs: number): Promise<StunMessage | undefined> {
    const key = request.transactionId.toString('hex');
    return new Promise((resolve) => {
      let wait = FIRST_RETRANSMIT_MS;
      let retransmit: NodeJS.Timeout | undefined;
      const transmit = () => {
        this.socket.send(request.bytes, this.url.port, this.ip, (error) => {
          if (error) this.sendError = error.message;
        });
        retransmit = setTimeout(transmit, wait);
        wait *= 2;
      };
      const finish = (answer?: StunMessage) => {
        clearTimeout(retransmit);
        clearTimeout(giveUp);
        this.waiting.delete(key);
        resolve(answer);
      };
      const giveUp = setTimeout(finish, timeoutMs);
      this.waiting.set(key, finish);
      transmit();
    });
  }

  close(): void {
    this.socket.close();
  }
}

async function withServer<T extends { ok: true }>(
  rawUrl: string,
  options: ProbeOptions,
  run: (server: StunServer) => Promise<T>,
): Promise<T | ProbeFailure> {
  const url = parseIceUrl(rawUrl);
  if (!url) return { ok: false, kind: 'bad-url', problem: 'not a STUN/TURN URL (expected e.g. turn:host:3478)' };
  if (url.transport !== 'udp' || url.scheme.endsWith('s')) {
    return { ok: false, kind: 'not-udp', problem: 'not checked: the doctor probes UDP only, and this URL is TCP or TLS' };
  }
  let resolved: { address: string; family: number };
  try {
    resolved = await lookup(url.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, kind: 'unresolved', problem: `cannot resolve ${url.host} (${code}) — check the host name` };
  }
  const socket = createSocket(resolved.family === 6 ? 'udp6' : 'udp4');
  const server = new StunServer(url, resolved.address, socket, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    return await run(server);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, kind: error.kind, problem: error.message };
    throw error;
  } finally {
    server.close();
  }
}
