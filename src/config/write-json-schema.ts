/** `npm run schema`: regenerates schema/sondier.schema.json (a test fails when the committed copy is stale). */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from './json-schema.js';

const target = new URL('../../../schema/sondier.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
