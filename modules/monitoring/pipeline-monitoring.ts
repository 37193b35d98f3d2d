import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Annotations, TerraformOutput, type TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { arns, type Environment } from '../common/environment';
import { problemsAt, ValidationError } from '../common/errors';
import type { PipelineNames } from '../common/names';
import type { TargetListEntry } from '../contract/hub-target-list';
import { type AlarmDefinition, alarmArn } from './alarm-definition';
import { alarmTopicPolicy } from './alarm-topic';
import { dashboardBody, dashboardConsoleUrl } from './dashboard-body';
import { metricAlarmDefinitions } from './metric-alarms';
import { dashboardNameProblem, fleetDashboards } from './fleet-dashboards';
import { type MonitoredPipelineSettings, publishedDefinitions, watchedPlaces } from './monitoring-settings';
import { METRICS_INSIGHTS_ALARM_LIMITS, placeAlarms } from './place-alarms';
import { pipelineHealthAlarms } from './pipeline-health-alarms';
import { fleetHealthAlarmsProblems, pipelineFleetHealthAlarms } from './fleet-health-alarms';
import { pipelineFleetHealthRow } from './fleet-health-row';
import { publishedSeries } from './published-series';
import { warnOnceIfAlarmsAreSilent } from './silent-alarms';

/**
 * Terraform reads `${` in any string as an interpolation: CloudWatch's own `${PROP('Dim.…')}`
 * labels are written `$${PROP(` so Terraform passes them to CloudWatch as they are.
 */
export const terraformText = (text: string) => text.split('${PROP(').join('$${PROP(');

export interface PipelineMonitoringProps {
  /** The pipeline's settings, defaults applied and validated. */
  readonly settings: MonitoredPipelineSettings & { readonly collectorTimeoutSeconds: number };
  readonly env: Environment;
  /** The names of the pipeline's resources (function, state machine, topic, dashboard, outputs). */
  readonly names: PipelineNames;
  /**
   * The AwsProvider that creates every resource.
   * @default the stack's default aws provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Hub mode: the member account-regions the hub collects. Given, the dashboards group the fleet
   * by account and region (split across several where CloudWatch's limits need it) and the alarms
   * watch series with AccountId and Region dimensions.
   * @default one account-region: the pipeline's own clusters
   */
  readonly targets?: readonly TargetListEntry[];
  /**
   * Hub mode: collector invocations per tick, each publishing the fleet-health series with its
   * shard's counts; over 1, the fleet-health alarms and graphs read the shards' sum.
   * @default 1
   */
  readonly shards?: number;
  /**
   * Tags of the alarms and the topic.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/**
 * What watches a pipeline: its alarm topic, alarms on the collected metrics, alarms on its own
 * health, and its dashboard, with the dashboard's name and address as outputs.
 */
export class PipelineMonitoring extends Construct {
  /** The topic the library created for the alarms, if asked to. */
  public readonly alarmTopic?: SnsTopic;
  /** Alarms on the collected metrics, one per setting and watched series. */
  public readonly metricAlarms: readonly CloudwatchMetricAlarm[];
  /** Alarms on the pipeline's own health. */
  public readonly pipelineAlarms: readonly CloudwatchMetricAlarm[];
  /** 10-second alarms on the fleet-health series: a handful, whatever the number of clusters. */
  public readonly fleetHealthAlarms: readonly CloudwatchMetricAlarm[];
  /** What every alarm above watches, as plain data (for the cost model and reviews). */
  public readonly alarmDefinitions: readonly AlarmDefinition[];
  /** The first dashboard (with the pipeline-health row). */
  public readonly dashboard?: CloudwatchDashboard;
  /** Every dashboard: one, or more where a fleet outgrows CloudWatch's dashboard quotas. */
  public readonly dashboards: readonly CloudwatchDashboard[];

  constructor(scope: Construct, id: string, props: PipelineMonitoringProps) {
    super(scope, id);
    const { settings: s, env, names } = props;
    const common = { provider: props.provider };
    const output = (suffix: string, value: string | string[], description: string) =>
      new TerraformOutput(this, suffix, { value, description }).overrideLogicalId(`${names.outputPrefix}_${suffix}`);

    const actions = [...s.alarmActions.topicArns];
    if (s.alarmActions.createTopic) {
      const name = names.alarmTopicName;
      // Not encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
      const topic = new SnsTopic(this, 'alarm-topic', { ...common, name, tags: props.tags });
      new SnsTopicPolicy(this, 'alarm-topic-policy', { ...common, arn: topic.arn, policy: JSON.stringify(alarmTopicPolicy(env, name)) });
      for (const email of s.alarmActions.emails) {
        new SnsTopicSubscription(this, `email-${email}`, { ...common, topicArn: topic.arn, protocol: 'email', endpoint: email });
      }
      actions.push(topic.arn);
      this.alarmTopic = topic;
      output('alarm_topic_arn', topic.arn, 'ARN of the SNS topic the alarms notify');
    }

    const alarm = (prefix: string, definition: AlarmDefinition, notifyInsufficientData = false) =>
      new CloudwatchMetricAlarm(this, `${prefix}-${definition.id}`, {
        ...common,
        alarmName: definition.name,
        alarmDescription: definition.description,
        ...(definition.query
          ? {
              // A Metrics Insights alarm: the query, not one metric; each series it returns is a contributor.
              metricQuery: [
                { id: 'q', expression: definition.query.expression, period: definition.periodSeconds, returnData: true, label: definition.metricName },
              ],
            }
          : definition.metricMath
            ? // Metric math over statistics of the one series (a sharded hub's fleet-health alarms).
              {
                metricQuery: definition.metricMath.map((q) =>
                  'statistic' in q
                    ? {
                        id: q.id,
                        returnData: false,
                        metric: {
                          namespace: definition.namespace,
                          metricName: definition.metricName,
                          dimensions: { ...definition.dimensions },
                          stat: q.statistic,
                          period: definition.periodSeconds,
                        },
                      }
                    : { id: q.id, expression: q.expression, label: q.label, returnData: q.returnData },
                ),
              }
            : {
                namespace: definition.namespace,
                metricName: definition.metricName,
                dimensions: { ...definition.dimensions },
                statistic: definition.statistic,
                period: definition.periodSeconds,
              }),
        evaluationPeriods: definition.evaluationPeriods,
        datapointsToAlarm: definition.datapointsToAlarm,
        threshold: definition.threshold,
        comparisonOperator: definition.comparison,
        treatMissingData: definition.treatMissingData,
        alarmActions: actions.length > 0 ? actions : undefined,
        okActions: actions.length > 0 ? actions : undefined,
        // A fleet-health series is published every tick: no data means the collector stopped, which is news too.
        insufficientDataActions: notifyInsufficientData && actions.length > 0 ? actions : undefined,
        tags: props.tags,
      });
    const metrics = publishedDefinitions(s.metrics);
    // Series found at run time (the hub's places, or clusters "*"): alarms and dashboards per place.
    const places = watchedPlaces(s, props.targets);
    const perPlace = places ? placeAlarms(s.alarms, { ...s, metrics }, places).perPlace : undefined;
    const metricAlarms = perPlace ? perPlace.flat() : metricAlarmDefinitions(s.alarms, { ...s, clusters: s.clusters as readonly string[], metrics });
    const stateMachineArn = arns.stateMachine(env, names.stateMachineName);
    const healthAlarms = s.pipelineAlarms
      ? pipelineHealthAlarms({
          pipelineName: s.name,
          stateMachineName: names.stateMachineName,
          stateMachineArn,
          functionName: names.functionName,
        })
      : [];
    // The fan-out's shards each publish the fleet-health series: read as their sum, not the worst shard.
    const fleetHealth = { ...s, metrics, ...(props.shards !== undefined && props.shards > 1 ? { shards: props.shards } : {}) };
    // The settings were checked at the unsharded periods; a sharded alarm's period can be longer (shardedAlarmPeriod).
    if (fleetHealth.shards !== undefined && s.fleetHealth !== false) {
      const problems = fleetHealthAlarmsProblems(s.fleetHealthAlarms, fleetHealth);
      if (problems.length > 0) throw new ValidationError(this.node.path, problemsAt(['fleetHealthAlarms'], problems));
    }
    const fleetHealthAlarms = pipelineFleetHealthAlarms(fleetHealth, names, props.targets);
    this.metricAlarms = metricAlarms.map((definition) => alarm('alarm', definition));
    this.pipelineAlarms = healthAlarms.map((definition) => alarm('pipeline-alarm', definition));
    this.fleetHealthAlarms = fleetHealthAlarms.map((definition) => alarm('alarm', definition, true));
    this.alarmDefinitions = [...metricAlarms, ...healthAlarms, ...fleetHealthAlarms];
    warnOnceIfAlarmsAreSilent(this, s);
    const insightsAlarms = metricAlarms.filter((a) => a.query).length;
    if (insightsAlarms > METRICS_INSIGHTS_ALARM_LIMITS.alarmsPerRegion) {
      Annotations.of(this).addWarning(
        `${insightsAlarms} alarms on clusters found at run time (Metrics Insights alarms), over CloudWatch's default quota of ${METRICS_INSIGHTS_ALARM_LIMITS.alarmsPerRegion} per account and region: ` +
          "ask for a higher quota in Service Quotas before deploying, or list those account-regions' clusters",
      );
    }

    if (s.dashboard) {
      const name = names.dashboardName;
      // Pipeline health first: while it fires, the other alarms' states mean little; then the fleet's.
      const healthAlarmArns = [...healthAlarms, ...fleetHealthAlarms].map((a) => alarmArn(env, a.name));
      const fleetHealthRow = pipelineFleetHealthRow(fleetHealth, { region: env.region, logGroupName: names.collectorLogGroupName }, props.targets);
      const bodies =
        places && perPlace
          ? fleetDashboards({
              name,
              region: env.region,
              namespace: s.namespace,
              intervalSeconds: s.intervalSeconds,
              serviceIntervalSeconds: s.serviceIntervalSeconds,
              metrics,
              places,
              stateMachineArn,
              functionName: names.functionName,
              collectorTimeoutSeconds: s.collectorTimeoutSeconds,
              healthAlarmArns,
              placeAlarmArns: perPlace.map((definitions) => definitions.map((a) => alarmArn(env, a.name))),
              fleetHealthRow,
            })
          : [
              {
                name,
                body: dashboardBody({
                  region: env.region,
                  namespace: s.namespace,
                  intervalSeconds: s.intervalSeconds,
                  serviceIntervalSeconds: s.serviceIntervalSeconds,
                  metrics: publishedSeries({ ...s, clusters: s.clusters as readonly string[], metrics }),
                  stateMachineArn,
                  functionName: names.functionName,
                  collectorTimeoutSeconds: s.collectorTimeoutSeconds,
                  alarmArns: [...healthAlarmArns, ...metricAlarms.map((a) => alarmArn(env, a.name))],
                  fleetHealthRow,
                }),
              },
            ];
      for (const { name: dashboardName } of bodies) {
        const problem = Token.isUnresolved(dashboardName) ? undefined : dashboardNameProblem(dashboardName);
        if (problem) throw new Error(`${this.node.path}: ${problem}`);
      }
      // The first keeps the construct id a single dashboard has always had, so it is never replaced.
      this.dashboards = bodies.map(
        (b, k) =>
          new CloudwatchDashboard(this, k === 0 ? 'dashboard' : `dashboard-${k + 1}`, {
            ...common,
            dashboardName: b.name,
            dashboardBody: terraformText(JSON.stringify(b.body)),
          }),
      );
      this.dashboard = this.dashboards[0];
      output('dashboard_name', this.dashboard.dashboardName, 'Name of the CloudWatch dashboard of the pipeline');
      output('dashboard_url', dashboardConsoleUrl(env.partition, env.region, name), 'Console address of the dashboard');
      if (this.dashboards.length > 1) {
        output(
          'dashboard_names',
          bodies.map((b) => b.name),
          'Names of every dashboard of the pipeline, in order (the fleet is split across them)',
        );
      }
    } else {
      this.dashboards = [];
    }
  }
}
