import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, signUp, startTestApi } from '../../../test/harness.js';
import { sql } from '../../../test/fixtures.js';
import { DEMO_LOGIN, DemoLoginService } from './demo-login.js';

describe('demo login offer', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is offered only while the seeded demo account exists with its public password', async () => {
    const service = new DemoLoginService(api.services.orm);
    const t0 = Date.now();
    expect(await service.available(t0)).toBe(false);

    // What seed.ts does on a first run.
    await api.services.auth.register('seed', null, { ...DEMO_LOGIN });
    expect(await service.available(t0 + 1)).toBe(false); // the answer is cached for a minute
    expect(await service.available(t0 + 61_000)).toBe(true);
    const anon = new GqlClient(api.url);
    expect((await anon.ok('{ demoLogin { username password } }')).demoLogin).toEqual({ username: 'demo', password: 'rashigo-demo' });

    // An operator who changes the demo password withdraws the offer.
    const other = await signUp(api, 'notdemo');
    await sql(api, "update users set password_hash = (select password_hash from users where id = ?) where username = 'demo'", [other.id]);
    expect(await service.available(t0 + 122_000)).toBe(false);
  });
});
