/** The configuration schema as JSON Schema, for editors (yaml-language-server, VS Code). */
import { z } from 'zod';
import { configSchema } from './schema.js';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: 'draft-7' }),
    title: 'sondier configuration (.github/sondier.yml)',
  };
}
