/** The built collector bundle (dist/collector/index.js), loaded as Lambda would load it. */
import * as path from 'node:path';

export interface CollectorModule {
  handler(event: unknown): Promise<any>;
  clients: { ecs: any; cloudwatch: any };
}

export function loadBuiltCollector(): CollectorModule {
  const file = path.resolve(__dirname, '..', '..', 'dist', 'collector', 'index.js');
  try {
    return require(file) as CollectorModule;
  } catch (error) {
    throw new Error(`cannot load the built collector ${file}: run \`npm run build\` first (${(error as Error).message})`);
  }
}
