export * from './backend';
export * from './config';
export * from './json-schema';
export * from './load-config';
export * from './metrics-fleet';
export * from './naming';
export * from './pipeline-props';
export * from './regions';
