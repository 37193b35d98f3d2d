/** The fleet config's JSON Schema, generated from the one zod schema that validates configs. */
import { z } from 'zod';
import { clusterSelectionSchema, fleetConfigSchema } from './config';

/** Where the JSON Schema is written (`npm run schema`) and shipped, relative to the package root. */
export const FLEET_CONFIG_SCHEMA_FILE = 'schema/fleet-config.schema.json';

/** The JSON Schema (draft 2020-12) of what a user may write in a fleet config. */
export function fleetConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(fleetConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      // A list or "*", never both: oneOf says so (zod writes a union as anyOf; the union is kept for its clearer errors).
      if (zodSchema === clusterSelectionSchema && jsonSchema.anyOf) {
        jsonSchema.oneOf = jsonSchema.anyOf;
        delete jsonSchema.anyOf;
      }
    },
  }) as Record<string, unknown>;
}

/** The schema file's exact text: two-space indented, with a final newline. */
export function fleetConfigJsonSchemaText(): string {
  return `${JSON.stringify(fleetConfigJsonSchema(), null, 2)}\n`;
}
