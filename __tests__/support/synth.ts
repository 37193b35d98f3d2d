/** GIVEN/WHEN/THEN helpers: synthesize a pipeline in a stack and read the Terraform JSON back. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../modules';

export interface Synthesized {
  readonly json: string;
  readonly tf: any;
  readonly pipeline: EcsHighResMetrics;
}

/** The pipeline in a stack whose provider is in the region of props (us-east-1 by default), account 111111111111 unless props say otherwise. */
export function synthPipeline(props: Partial<EcsHighResMetricsProps> = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: props.region ?? 'us-east-1' });
  const pipeline = new EcsHighResMetrics(stack, 'pipeline', {
    clusters: ['prod-api', 'prod-workers'],
    account: '111111111111',
    region: 'us-east-1',
    ...props,
  });
  const json = Testing.synth(stack);
  return { json, tf: JSON.parse(json), pipeline };
}

/** The one resource of a type; fails if there is not exactly one. */
export function only(tf: any, type: string): any {
  const all = Object.values(tf.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The construct id of a resource from its logical name, `pipeline_collector-role_44552A37` → `collector-role`. */
const idOf = (logicalName: string) =>
  logicalName
    .replace(/_[0-9A-F]{8}$/, '')
    .split('_')
    .pop()!;

/** Resources of a type, by their construct id. */
export function byId(tf: any, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(tf.resource?.[type] ?? {}).map(([name, r]) => [idOf(name), r]));
}

/** The Terraform address (`type.name`) of the resource with this construct id. */
export function addressOf(tf: any, type: string, id: string): string {
  const name = Object.keys(tf.resource?.[type] ?? {}).find((n) => idOf(n) === id);
  if (!name) throw new Error(`no ${type} with id ${id}`);
  return `${type}.${name}`;
}
