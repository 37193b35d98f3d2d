export * from './common/errors';
export * from './common/environment';
export * from './common/policy-document';
export * from './metrics/catalog';
export * from './pipeline';
export * from './monitoring';
export * from './fleet';
export * from './cost';
