export * from './errors';
export * from './metrics/catalog';
export * from './pipeline';
export * from './fleet';
export * from './cost';
