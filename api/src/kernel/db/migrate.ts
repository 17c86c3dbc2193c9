import { loadConfigOrExit } from '../config/config.js';
import { ensureDatabase, migrate } from './migrator.js';

// `npm run migrate`: creates the database if needed and applies pending migrations.
const config = loadConfigOrExit();
await ensureDatabase(config.DATABASE_URL);
const applied = await migrate(config.DATABASE_URL);
console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
