export * from './errors';
export * from './metrics/catalog';
export * from './pipeline';
export * from './monitoring';
export * from './fleet';
export * from './cost';
