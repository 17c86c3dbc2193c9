import 'reflect-metadata';
import { loadConfigOrExit } from './kernel/config/config.js';
import { createLogger } from './kernel/logging/logger.js';
import { DEMO_LOGIN as DEMO } from './features/auth/demo-login.js';
import { User } from './features/users/user.entity.js';
import { createServices } from './services.js';
import { DEMO_BOTS_CONFIG, DEMO_BOTS_ENV, seedDemoBots } from './seed-bots.js';
import { Server } from './features/servers/server.entity.js';

// `npm start` runs this after migrating: on first run, a demo user and server so there is something to see.

const config = loadConfigOrExit();
const services = await createServices(config, createLogger('seed', 'warn'));
try {
  const existing = await services.orm.em.fork().findOne(User, { username: DEMO.username });
  if (existing) {
    console.log(`seed: demo user exists (sign in as "${DEMO.username}")`);
    const server = await services.orm.em.fork().findOne(Server, { owner: existing.id, name: 'Rashigo Demo' });
    if (server && (await seedDemoBots(services, existing.id, server.id)))
      console.log(`seed: created the demo bots; tokens in ${DEMO_BOTS_ENV}`);
  } else {
    const { user } = await services.auth.register('seed', null, { ...DEMO });
    const server = await services.servers.create(user.id, {
      name: 'Rashigo Demo',
      description: 'A server to try things in',
      isPrivate: false,
    });
    console.log(`seed: created server "${server.name}" and a demo login — username: ${DEMO.username}  password: ${DEMO.password}`);
    await seedDemoBots(services, user.id, server.id, true);
    console.log(`seed: created a moderator and a voice bot; config in ${DEMO_BOTS_CONFIG}, tokens in ${DEMO_BOTS_ENV}`);
  }
} finally {
  await services.close();
}
