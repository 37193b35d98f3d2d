/**
 * The fleet config's `metrics` and `services` settings (in `defaults` or per account-region),
 * checked with the same rules and messages as the construct's props. How they fit the clusters
 * (a per-service metric needs services, services need a cluster that is listed) is checked
 * when each pipeline is built, where defaults and region are merged.
 */
import { z } from 'zod';
import { DEFAULT_METRICS, METRIC_NAMES } from '../metrics/catalog';
import { metricListProblems, serviceSelectionProblems } from './rules';

export const metricSettings = {
  metrics: z
    .array(z.string())
    .superRefine((metrics, ctx) => {
      for (const { path, problem } of metricListProblems(metrics)) ctx.addIssue({ code: 'custom', message: problem, path: [...path] });
    })
    .optional()
    .describe(`Metrics to publish, among ${METRIC_NAMES.join(', ')}. Default ${DEFAULT_METRICS.join(', ')}.`),
  services: z
    .record(z.string(), z.union([z.literal('*'), z.array(z.string())]))
    .superRefine((services, ctx) => {
      for (const { path, problem } of serviceSelectionProblems(services)) ctx.addIssue({ code: 'custom', message: problem, path: [...path] });
    })
    .optional()
    .describe('Per cluster, the services whose RunningCount, DesiredCount and PendingCount to publish: a list of service names, or "*" for all. Default none.'),
};
