/**
 * The monthly cost of a fleet: each account-region's pipeline priced from its resolved
 * settings, beside the same clusters as the blog built them, and per cluster.
 */
import { blogDesignCostOfSameClusters, byBillOrder, type CostItem, type CostLine, metricFloorUsd, pipelineCost, type PipelineCost } from './cost-model';
import type { PipelineSettings } from '../pipeline/pipeline-settings';
import { describePipelineForCost, type MonitoringFacts, type PipelineDescription, type PricingAssumptions } from './pipeline-description';

/** One account-region of a fleet: its stack name, its pipeline's resolved settings and monitoring. */
export interface PricedStack {
  readonly name: string;
  readonly settings: PipelineSettings;
  /** @default no alarms and no dashboard */
  readonly monitoring?: MonitoringFacts;
  /** @default COST_ASSUMPTIONS' */
  readonly assumed?: PricingAssumptions;
}

export interface PipelineCostReport {
  readonly stack: string;
  readonly description: PipelineDescription;
  /** This library's pipeline. */
  readonly design: PipelineCost;
  /** The same clusters as the blog built them. */
  readonly blog: PipelineCost;
}

/** A fleet-wide line: one item summed over every pipeline. */
export type SummedLine = Omit<CostLine, 'basis'>;

export interface FleetCost {
  readonly pipelines: readonly PipelineCostReport[];
  readonly clusters: number;
  readonly design: { readonly usd: number; readonly lines: readonly SummedLine[] };
  readonly blog: { readonly usd: number; readonly lines: readonly SummedLine[] };
  /** US dollars a month per cluster; `floor` is the cluster and service metrics alone, which no design avoids. */
  readonly perCluster: { readonly design: number; readonly blog: number; readonly floor: number };
  /** How many times the blog's design costs this one. */
  readonly blogToDesignRatio: number;
}

/** Sums lines of the same item and label, in bill order. */
export function sumLines(costs: readonly PipelineCost[]): SummedLine[] {
  const summed = new Map<string, { item: CostItem; label: string; quantity: number; unit: string; usd: number }>();
  for (const line of costs.flatMap((c) => c.lines)) {
    const key = `${line.item}/${line.label}`;
    const seen = summed.get(key);
    if (seen) {
      seen.quantity += line.quantity;
      seen.usd += line.usd;
    } else {
      summed.set(key, { item: line.item, label: line.label, quantity: line.quantity, unit: line.unit, usd: line.usd });
    }
  }
  return [...summed.values()].sort(byBillOrder);
}

export function fleetCost(stacks: readonly PricedStack[]): FleetCost {
  if (stacks.length === 0) throw new Error('the fleet has no pipelines to price');
  const pipelines = stacks.map(({ name, settings, monitoring, assumed }) => {
    const description = describePipelineForCost(settings, monitoring, assumed);
    return { stack: name, description, design: pipelineCost(description), blog: blogDesignCostOfSameClusters(description) };
  });
  const clusters = pipelines.reduce((sum, p) => sum + p.description.clusters, 0);
  const total = (costs: PipelineCost[]) => ({ usd: costs.reduce((sum, c) => sum + c.usd, 0), lines: sumLines(costs) });
  const design = total(pipelines.map((p) => p.design));
  const blog = total(pipelines.map((p) => p.blog));
  const floor = pipelines.reduce((sum, p) => sum + metricFloorUsd(p.description), 0);
  return {
    pipelines,
    clusters,
    design,
    blog,
    perCluster: { design: design.usd / clusters, blog: blog.usd / clusters, floor: floor / clusters },
    blogToDesignRatio: blog.usd / design.usd,
  };
}
