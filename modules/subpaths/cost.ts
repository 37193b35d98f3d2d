/**
 * `cdktf-ecs-highres-metrics/cost`: what a pipeline or a fleet costs a month. A synthesized
 * pipeline is priced by `pipelineCost(describePipelineForCost(pipeline.settings, monitoringFactsOfPipeline(pipeline)))`;
 * the cost model loads no construct.
 */
export { COST_ASSUMPTIONS } from '../cost/assumptions';
export { PRICES } from '../cost/prices';
export { blogDesignCostOfSameClusters, pipelineCost } from '../cost/cost-model';
export type { CostItem, CostLine, PipelineCost } from '../cost/cost-model';
export { describePipelineForCost, monitoringFactsOfPipeline } from '../cost/pipeline-description';
export type { InvocationShape, MonitoringFacts, PipelineDescription, PricingAssumptions, TickShape } from '../cost/pipeline-description';
export { fleetCost } from '../cost/fleet-cost';
export type { FleetCost, PricedStack } from '../cost/fleet-cost';
