import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaFile } from './print-schema.js';

// `npm run schema`: writes the schema the code defines to the repository's schema.graphql.
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
await writeFile(target, await printSchemaFile());
console.log(`wrote ${target}`);
