/**
 * Alarms notify no one unless alarmActions says whom: a pipeline's health alarms exist by default,
 * so a user who never set alarmActions would learn of a stopped pipeline only from its dashboard.
 * Said once per app at synth (a cdktf warning, which `cdktf synth` prints and manifest.json keeps),
 * on the first pipeline whose alarms are silent, not once per stack.
 */
import { Annotations } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import type { MonitoringSettings } from './monitoring-settings';

/** True when the pipeline has alarms and none of them notifies anyone. */
export function alarmsNotifyNoOne(
  s: Pick<MonitoringSettings, 'alarms' | 'alarmActions' | 'pipelineAlarms'> & { readonly fleetHealthAlarms?: readonly unknown[] },
): boolean {
  const hasAlarms = s.pipelineAlarms || s.alarms.length > 0 || (s.fleetHealthAlarms?.length ?? 0) > 0;
  return hasAlarms && s.alarmActions.topicArns.length === 0 && !s.alarmActions.createTopic;
}

export const SILENT_ALARMS_WARNING =
  'alarms notify no one: this pipeline (and every other pipeline of this app without alarmActions) has alarms that change state and show on its dashboard but send nothing. To be told when a pipeline stops, set alarmActions: { createTopic: true, emails: ["you@example.com"] } or { topicArns: ["arn:aws:sns:…"] } (in a fleet config, under defaults)';

const warnedApps = new WeakSet<IConstruct>();

/** Adds the warning to `scope` when its alarms are silent and no pipeline of the app has said it yet. */
export function warnOnceIfAlarmsAreSilent(scope: Construct, s: Parameters<typeof alarmsNotifyNoOne>[0]): void {
  if (!alarmsNotifyNoOne(s)) return;
  const app = scope.node.root;
  if (warnedApps.has(app)) return;
  warnedApps.add(app);
  Annotations.of(scope).addWarning(SILENT_ALARMS_WARNING);
}
