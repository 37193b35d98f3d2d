export * from './defaults';
export * from './rules';
export * from './collector-input';
export * from './collector-bundle';
export * from './iam-policies';
export * from './state-machine-definition';
export * from './ecs-high-res-metrics';
