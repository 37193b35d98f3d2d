/**
 * The monitoring fields of the fleet config, set in `defaults` or per account-region. They use
 * the same rules as the construct props; checks that need the rest of the pipeline (the interval,
 * the published metrics, the clusters, the region) run when the pipeline is built.
 */
import { z } from 'zod';
import type { Problem } from '../common/errors';
import { ALARM_SETTINGS, alarmSettingDescription, settingDescription } from '../common/settings';
import { ALARM_COMPARISONS, type AlarmStatistic } from './alarm-rules';
import { alarmSettingProblems } from './metric-alarms';
import { alarmActionsProblems } from './monitoring-settings';
import { FLEET_HEALTH_ALARMED_SERIES } from './fleet-health-alarms';

/** Adds each problem a check finds as an issue at the problem's path. */
function issuesFrom<T>(problemsOf: (value: T) => Problem[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const { path, problem } of problemsOf(value)) ctx.addIssue({ code: 'custom', path: [...path], message: problem });
  };
}

export const metricAlarmSchema = z
  .strictObject({
    metric: z.string().describe('Metric to watch, by name; the pipeline must publish it.'),
    comparison: z.enum(ALARM_COMPARISONS).describe('How the statistic is compared with the threshold.'),
    threshold: z.number().describe('The value the statistic is compared with.'),
    periodSeconds: z.number().optional().describe(alarmSettingDescription('periodSeconds')),
    evaluationPeriods: z.number().optional().describe(alarmSettingDescription('evaluationPeriods')),
    datapointsToAlarm: z.number().optional().describe(alarmSettingDescription('datapointsToAlarm')),
    // Any string parses, so that Sum gets its reason; the refinement below then admits only AlarmStatistic values.
    statistic: (z.string() as unknown as z.ZodType<AlarmStatistic>).optional().describe(alarmSettingDescription('statistic')),
    treatMissingData: z.enum(ALARM_SETTINGS.treatMissingData.allowed).optional().describe(alarmSettingDescription('treatMissingData')),
    clusters: z.array(z.string()).optional().describe(alarmSettingDescription('clusters')),
  })
  .superRefine(issuesFrom(alarmSettingProblems))
  .describe('An alarm on a collected metric: one CloudWatch alarm per cluster (per service for service metrics).');

export const alarmActionsSchema = z
  .strictObject({
    topicArns: z.array(z.string()).optional().describe('SNS topics of the region notified when an alarm fires and clears.'),
    createTopic: z.boolean().optional().describe('Create an SNS topic <name>-alarms and notify it. Default false.'),
    emails: z.array(z.string()).optional().describe('Addresses subscribed to the created topic.'),
  })
  .superRefine(issuesFrom((actions) => alarmActionsProblems(actions)))
  .describe('Where every alarm of the pipeline sends notifications.');

const fleetHealthAlarmSchema = z
  .strictObject({
    threshold: z.number().optional().describe('The alarm fires when the Maximum over a period is at least this.'),
    evaluationPeriods: z.number().optional().describe('Periods (10 s; 30 s at intervals over 10 s) evaluated each time.'),
    datapointsToAlarm: z.number().optional().describe('Breaching periods among them that fire the alarm.'),
  })
  .describe("One fleet-health alarm's settings; each absent field takes its default.");

/** The fleet-health alarms by series (FLEET_HEALTH_ALARM_DEFAULTS): false leaves one out, fields replace its defaults. */
export const fleetHealthAlarmsSchema = z.union([
  z.boolean(),
  z.strictObject(
    Object.fromEntries(FLEET_HEALTH_ALARMED_SERIES.map((series) => [series, z.union([z.literal(false), fleetHealthAlarmSchema]).optional()])) as Record<
      (typeof FLEET_HEALTH_ALARMED_SERIES)[number],
      z.ZodOptional<z.ZodUnion<[z.ZodLiteral<false>, typeof fleetHealthAlarmSchema]>>
    >,
  ),
]);

/** Spread into the pipeline settings of the fleet config. */
export const monitoringSettingsFields = {
  dashboard: z.boolean().optional().describe(settingDescription('dashboard')),
  alarms: z.array(metricAlarmSchema).optional().describe('Alarms on the collected metrics. Default none.'),
  alarmActions: alarmActionsSchema.optional(),
  pipelineAlarms: z.boolean().optional().describe(settingDescription('pipelineAlarms')),
  fleetHealthAlarms: fleetHealthAlarmsSchema.optional().describe(settingDescription('fleetHealthAlarms')),
  tracing: z.boolean().optional().describe(settingDescription('tracing')),
  fleetHealth: z.boolean().optional().describe(settingDescription('fleetHealth')),
};
