import type { Client } from 'graphql-ws';
import { settle } from './ws-client.js';

/** One serverEvents delivery, flattened, with the time it reached the test. */
export interface SeenEvent {
  at: number;
  type: string;
  /** PresenceUpdated: the user; MemberUpdated: the member's user; MemberLeft: who left. */
  userId?: string;
  presence?: string;
  timedOutUntil?: string | null;
}

const SERVER_EVENTS = `subscription($s: ID!) { serverEvents(serverId: $s) {
  __typename
  ... on PresenceUpdated { user { id presence } }
  ... on MemberUpdated { member { user { id } timedOutUntil } }
  ... on MemberLeft { userId }
} }`;

export interface ServerEventLog {
  events: SeenEvent[];
  errors: unknown[];
  /** Events of one type about one user, in arrival order. */
  about(type: 'PresenceUpdated' | 'MemberUpdated' | 'MemberLeft', userId: string): SeenEvent[];
  /** Resolves with the first event (already seen or arriving within timeoutMs) that matches. */
  waitFor(match: (e: SeenEvent) => boolean, timeoutMs?: number, what?: string): Promise<SeenEvent>;
  stop(): void;
}

/** Subscribes `client` (a real graphql-ws client) to serverEvents and records every event with its arrival time. */
export async function recordServerEvents(client: Client, serverId: string): Promise<ServerEventLog> {
  const events: SeenEvent[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => [...waiters].forEach((w) => w());
  const dispose = client.subscribe<{ serverEvents: Record<string, any> }>(
    { query: SERVER_EVENTS, variables: { s: serverId } },
    {
      next: (value) => {
        if (value.errors?.length) errors.push(value.errors);
        const e = value.data?.serverEvents;
        if (e) {
          const user = e.user ?? e.member?.user;
          events.push({
            at: Date.now(),
            type: e.__typename,
            userId: user?.id ?? e.userId,
            presence: e.user?.presence,
            timedOutUntil: e.member?.timedOutUntil,
          });
        }
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => notify(),
    },
  );
  // graphql-ws has no subscription ack: give the server a moment to register it.
  await settle(300);
  return {
    events,
    errors,
    about: (type, userId) => events.filter((e) => e.type === type && e.userId === userId),
    waitFor(match, timeoutMs = 10_000, what = 'a matching event') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(deadline);
            resolve(found);
          } else if (errors.length) {
            waiters.delete(check);
            clearTimeout(deadline);
            reject(new Error(`serverEvents failed: ${JSON.stringify(errors)}`));
          }
        };
        const deadline = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => dispose(),
  };
}
