export * from './prices';
export * from './assumptions';
export * from './success-path';
export * from './blog-design';
export * from './pipeline-description';
export * from './cost-model';
export * from './fleet-cost';
