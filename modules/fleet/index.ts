export * from './config';
export * from './load-config';
export * from './metrics-fleet';
export * from './regions';
