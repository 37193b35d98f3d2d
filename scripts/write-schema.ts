/**
 * `npm run schema`: writes the fleet config's JSON Schema, generated from the zod schema, to
 * schema/fleet-config.schema.json (the file configs name in `$schema`). A test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FLEET_CONFIG_SCHEMA_FILE, fleetConfigJsonSchemaText } from '../modules/subpaths/fleet';

const file = path.join(__dirname, '..', FLEET_CONFIG_SCHEMA_FILE);
writeFileSync(file, fleetConfigJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
