import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../src/app.js';
import { buildAppSchema } from '../../src/schema.js';
import { startTestApi } from '../harness.js';
import { subscribe, wsClient } from '../ws-client.js';
import { MUTATIONS, SUBSCRIPTIONS, type CaseContext, type CaseInput, type Row } from './matrix.js';
import { describeOutcome, ok, type Outcome } from './outcomes.js';
import { ACTORS, buildWorld, type ActorName, type Stage, type World } from './world.js';

type Observed = Outcome | { kind: 'no answer'; detail: string };

/** What an error answers, in the matrix's terms: its code, and for FORBIDDEN the permission it names. */
function errorOutcome(error: { message?: string; extensions?: Record<string, unknown> } | undefined): Observed {
  const code = error?.extensions?.code;
  if (typeof code !== 'string') return { kind: 'no answer', detail: `an error without a code: ${JSON.stringify(error)}` };
  return code === 'FORBIDDEN' ? { kind: 'error', code, permission: String(error?.extensions?.permission) } : { kind: 'error', code };
}

async function callMutation(row: Row, ctx: CaseContext, input: CaseInput): Promise<Observed> {
  const caller = input.caller ?? ctx.world.callers[ctx.actor];
  const result = await caller.client.request(row.document, input.variables);
  if (result.errors?.length) return errorOutcome(result.errors[0]);
  return result.data ? ok : { kind: 'no answer', detail: `HTTP ${result.status} without data or errors` };
}

/**
 * Subscribes over a real graphql-ws socket. A refusal arrives as an error; an allowed stream must
 * carry an event, so the row's trigger runs (again, while nothing arrived: the subscription is
 * registered shortly after the subscribe message, with no acknowledgement in the protocol).
 */
async function callSubscription(row: Row, ctx: CaseContext, input: CaseInput): Promise<Observed> {
  const caller = input.caller ?? ctx.world.callers[ctx.actor];
  const socket = wsClient(ctx.world.api.url, caller.token, caller.scheme);
  try {
    const sub = subscribe(socket, row.document, input.variables);
    for (let attempt = 0; attempt < 40; attempt += 1) {
      if (sub.errors.length) {
        const [error] = sub.errors;
        return errorOutcome((Array.isArray(error) ? error[0] : error) as Parameters<typeof errorOutcome>[0]);
      }
      if (sub.events.length) return ok;
      if (sub.completed) return { kind: 'no answer', detail: 'completed without an event or an error' };
      await row.trigger!(ctx);
      await sub.waitFor(1, 250).catch(() => undefined);
    }
    return { kind: 'no answer', detail: 'neither an event nor an error' };
  } finally {
    await socket.dispose();
  }
}

/**
 * Every actor's answer to one row, all at once, each case prepared on its own. In a `fresh` row each
 * case expected to succeed gets a stage of its own; the cases expected to be refused share one new
 * stage, which only a wrongly allowed call (the failure then reported) could change.
 */
async function runRow(world: World, row: Row, call: typeof callMutation): Promise<Record<ActorName, string>> {
  let refusals: Promise<Stage> | undefined;
  const stageFor = (expected: Outcome): Promise<Stage> | Stage => {
    if (!row.fresh) return world.shared;
    if (expected.kind === 'ok') return world.stage();
    return (refusals ??= world.stage());
  };
  const answers = await Promise.all(
    ACTORS.map(async (actor): Promise<[ActorName, string]> => {
      const expected = row.expect[actor];
      if (expected.kind === 'n/a') return [actor, describeOutcome(expected)];
      const stage = await stageFor(expected);
      const ctx: CaseContext = { world, actor, stage, shared: world.shared, owner: world.people.owner, target: world.people.target };
      return [actor, describeOutcome(await call(row, ctx, await row.prepare(ctx)))];
    }),
  );
  return Object.fromEntries(answers) as Record<ActorName, string>;
}

/** A row is six cases, a fresh row up to six new servers: on a loaded machine that is slow, not wrong. */
const ROW_TIMEOUT_MS = 120_000;

const expectedAnswers = (row: Row) => Object.fromEntries(ACTORS.map((actor) => [actor, describeOutcome(row.expect[actor])]));

describe('authorisation matrix', () => {
  it('has exactly one row per Mutation and Subscription field of the schema', async () => {
    const schema = await buildAppSchema(null);
    const fields = (type: { getFields(): Record<string, unknown> } | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();
    expect(Object.keys(MUTATIONS).sort(), 'a mutation without a row in api/test/authz/matrix.ts (or a row of no mutation)').toEqual(
      fields(schema.getMutationType()),
    );
    expect(
      Object.keys(SUBSCRIPTIONS).sort(),
      'a subscription without a row in api/test/authz/matrix.ts (or a row of no subscription)',
    ).toEqual(fields(schema.getSubscriptionType()));
  });

  it('marks an actor n/a only with a reason, and every subscription row can cause an event', () => {
    for (const row of [...Object.values(MUTATIONS), ...Object.values(SUBSCRIPTIONS)]) {
      for (const actor of ACTORS) {
        const outcome = row.expect[actor];
        if (outcome.kind === 'n/a') expect(outcome.reason.trim()).not.toBe('');
      }
    }
    for (const row of Object.values(SUBSCRIPTIONS)) expect(row.trigger).toBeTypeOf('function');
  });

  describe('answers as the rules say', () => {
    let api: RunningApi;
    let world: World;
    beforeAll(async () => {
      api = await startTestApi();
      world = await buildWorld(api);
    });
    afterAll(async () => {
      await api?.close();
    });

    describe.concurrent('mutations', { timeout: ROW_TIMEOUT_MS }, () => {
      for (const [field, row] of Object.entries(MUTATIONS)) {
        it(field, async () => {
          expect(await runRow(world, row, callMutation)).toEqual(expectedAnswers(row));
        });
      }
    });

    describe.concurrent('subscriptions', { timeout: ROW_TIMEOUT_MS }, () => {
      for (const [field, row] of Object.entries(SUBSCRIPTIONS)) {
        it(field, async () => {
          expect(await runRow(world, row, callSubscription)).toEqual(expectedAnswers(row));
        });
      }
    });
  });
});
