import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gql, launchBrowser, openUserPage, SCREENSHOTS, screenshots, type UserPage } from './browser';
import { expect as expectPage } from './page-expect';
import { startStack, type Stack } from './stack';
import { FAKE_MEDIA, observeMedia, until } from './voice-probe';
import { uniqueSuffix } from './people';

/**
 * The channel topic and voice bitrate, member search and role filter served by the API, and the
 * invite's creator, from the admin pages: against the real API, workers, Postgres and Redis.
 */
describe('admin fields in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const people: Record<'owner' | 'zelda' | 'bob', { id: string; token: string; ui: UserPage }> = {} as never;
  let serverId: string;
  let generalId: string;
  let loungeId: string;
  const suffix = uniqueSuffix();

  async function register(key: keyof typeof people, displayName: string) {
    const data = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($u: String!, $d: String) { register(username: $u, password: "correct horse battery", displayName: $d) { token user { id } } }',
        variables: { u: `${key}${suffix}`, d: displayName },
      }),
    }).then((r) => r.json() as Promise<{ data: { register: { token: string; user: { id: string } } } }>);
    const ui = await openUserPage(browser, stack.dashboardUrl);
    await ui.context.grantPermissions(['microphone']);
    await ui.context.addInitScript((t) => window.localStorage.setItem('rashigo.token', t), data.data.register.token);
    await observeMedia(ui.context);
    people[key] = { id: data.data.register.user.id, token: data.data.register.token, ui };
  }

  const api = (key: keyof typeof people, query: string, variables: Record<string, unknown> = {}) =>
    gql(stack.apiUrl, people[key].token, query, variables);
  const page = (key: keyof typeof people): Page => people[key].ui.page;
  const settings = async (tab: string) => {
    await page('owner').goto(`/servers/${serverId}/settings`);
    await page('owner').getByRole('tab', { name: tab }).click();
  };

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser(FAKE_MEDIA);
    await register('owner', 'Olive');
    await register('zelda', 'Zelda Quill');
    await register('bob', 'Bob');
    const created = await api('owner', 'mutation { createServer(input: { name: "Pottery Club" }) { id channels { id } } }');
    serverId = created.createServer.id;
    generalId = created.createServer.channels[0].id;
    for (const key of ['zelda', 'bob'] as const) await api(key, 'mutation($s: ID) { joinServer(serverId: $s) { id } }', { s: serverId });
    const painters = await api('owner', 'mutation($s: ID!) { createRole(serverId: $s, input: { name: "Painters" }) { id } }', {
      s: serverId,
    });
    await api('owner', 'mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }', {
      s: serverId,
      u: people.zelda.id,
      r: painters.createRole.id,
    });
    loungeId = (
      await api('owner', 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
        i: { serverId, name: 'Lounge', type: 'VOICE' },
      })
    ).createChannel.id;
    await api('owner', 'mutation($s: ID!) { createInvite(serverId: $s, maxUses: 10) { code } }', { s: serverId });
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-admin-fields-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    for (const [key, person] of Object.entries(people)) {
      await person.ui.page.screenshot({ path: `${SCREENSHOTS}/${name}-${key}.png` }).catch(() => undefined);
      console.error(`console errors of ${key}: ${JSON.stringify(person.ui.errors)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('the owner sets a topic that a member sees in the channel header, live', async () => {
    await page('zelda').goto(`/servers/${serverId}/${generalId}`);
    await expectPage(page('zelda').getByRole('heading', { name: /general/ })).toBeVisible();
    await settings('Channels');
    await page('owner').getByRole('button', { name: '# general' }).click();
    const form = page('owner').getByRole('form', { name: 'Edit channel general' });
    await form.getByLabel(/Topic/).fill('t'.repeat(1025));
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expectPage(form.getByRole('alert')).toHaveText('The topic can be at most 1024 characters.');
    await form.getByLabel(/Topic/).fill('Wheel throwing, glazes and kiln days');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expectPage(form.getByRole('alert')).toHaveCount(0);
    await screenshots(page('owner'), '60-admin-channel-topic');
    const header = page('zelda').locator('header.channel-header');
    await expectPage(header).toContainText('Wheel throwing, glazes and kiln days');
    await screenshots(page('zelda'), '61-channel-header-topic');
  });

  it('the owner sets a voice bitrate in kbps; the form refuses one out of range; connected senders follow', async () => {
    // Two members in the Lounge: each holds one peer connection whose audio sender is capped.
    for (const key of ['zelda', 'bob'] as const) {
      await page(key).goto(`/servers/${serverId}`);
      await page(key).getByRole('button', { name: 'Join voice channel Lounge' }).click();
      await expectPage(page(key).getByRole('region', { name: 'Voice connection' }).getByText('Voice connected')).toBeVisible();
    }
    const senderCaps = (key: 'zelda' | 'bob') =>
      page(key).evaluate(() =>
        (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections
          .filter((pc) => pc.connectionState !== 'closed')
          .flatMap((pc) => pc.getSenders().flatMap((s) => s.getParameters().encodings.map((e) => e.maxBitrate ?? null))),
      );
    for (const key of ['zelda', 'bob'] as const) {
      await until(
        () => senderCaps(key),
        (caps) => caps.length === 1 && caps[0] === 64_000,
        `${key}'s sender at 64 kbps`,
      );
    }

    await settings('Channels');
    await page('owner').getByRole('button', { name: 'Lounge (voice)' }).click();
    const form = page('owner').getByRole('form', { name: 'Edit channel Lounge' });
    await expectPage(form.getByLabel(/Bitrate/)).toHaveValue('64');
    await form.getByLabel(/Bitrate/).fill('200');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expectPage(form.getByRole('alert')).toHaveText('The bitrate must be between 8 and 96 kbps.');
    await screenshots(page('owner'), '62-admin-bitrate-refused');
    const stored = async () => (await api('owner', 'query($c: ID!) { channel(id: $c) { bitrate } }', { c: loungeId })).channel.bitrate;
    expect(await stored()).toBe(64_000);

    await form.getByLabel(/Bitrate/).fill('24');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expectPage(form.getByRole('alert')).toHaveCount(0);
    await until(stored, (bitrate) => bitrate === 24_000, 'the stored bitrate');
    for (const key of ['zelda', 'bob'] as const) {
      await until(
        () => senderCaps(key),
        (caps) => caps.length === 1 && caps[0] === 24_000,
        `${key}'s sender at 24 kbps`,
      );
    }
    await screenshots(page('owner'), '63-admin-bitrate');
    for (const key of ['zelda', 'bob'] as const) await page(key).getByRole('button', { name: 'Disconnect from voice' }).click();
  });

  it('searches members by name and filters by role through the API', async () => {
    await settings('Members');
    const list = page('owner').getByRole('list', { name: 'Members' });
    const cards = list.locator('li.admin-member');
    await expectPage(cards).toHaveCount(3);
    await page('owner').getByLabel('Search by name').fill('QUILL');
    await expectPage(cards).toHaveCount(1);
    await expectPage(cards.first()).toContainText('Zelda Quill');
    await page('owner').getByLabel('Search by name').fill('');
    await expectPage(cards).toHaveCount(3);
    await page('owner').getByRole('combobox', { name: /^Role/ }).selectOption({ label: 'Painters' });
    await expectPage(cards).toHaveCount(1);
    await expectPage(cards.first()).toContainText(`@zelda${suffix}`);
    await page('owner').getByLabel('Search by name').fill('bob');
    await expectPage(page('owner').getByText('No member matches.')).toBeVisible();
    await page('owner').getByLabel('Search by name').fill('zel');
    await expectPage(cards).toHaveCount(1);
    await screenshots(page('owner'), '64-admin-members-search');
  });

  it('lists invites with their creator', async () => {
    await api('zelda', 'mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: serverId });
    await settings('Bans and invites');
    const invites = page('owner').getByRole('list', { name: 'Invites' }).getByRole('listitem');
    await expectPage(invites).toHaveCount(2);
    await expectPage(invites.filter({ hasText: 'created by Olive' })).toHaveCount(1);
    await expectPage(invites.filter({ hasText: `created by Zelda Quill @zelda${suffix}` })).toHaveCount(1);
    await page('owner')
      .getByLabel(/Max uses/)
      .fill('-1');
    await page('owner').getByRole('button', { name: 'Create invite' }).click();
    // p.alert: Next's route announcer is an (empty) alert too.
    await expectPage(page('owner').locator('p.alert')).toHaveText('Max uses must be a whole number from 0 (unlimited) to 1000.');
    await expectPage(invites).toHaveCount(2);
    await screenshots(page('owner'), '65-admin-invites-creator');
  });
});
