import 'reflect-metadata';
import { loadConfigOrExit } from './kernel/config/config.js';
import { createLogger } from './kernel/logging/logger.js';
import { DEMO_LOGIN as DEMO } from './features/auth/demo-login.js';
import { User } from './features/users/user.entity.js';
import { createServices } from './services.js';

// `npm start` runs this after migrating: on first run, a demo user and server so there is something to see.

const config = loadConfigOrExit();
const services = await createServices(config, createLogger('seed', 'warn'));
try {
  if (await services.orm.em.fork().count(User, { username: DEMO.username })) {
    console.log(`seed: demo user exists (sign in as "${DEMO.username}")`);
  } else {
    const { user } = await services.auth.register('seed', { ...DEMO });
    const server = await services.servers.create(user.id, {
      name: 'Rashigo Demo',
      description: 'A server to try things in',
      isPrivate: false,
    });
    console.log(`seed: created server "${server.name}" and a demo login — username: ${DEMO.username}  password: ${DEMO.password}`);
  }
} finally {
  await services.close();
}
