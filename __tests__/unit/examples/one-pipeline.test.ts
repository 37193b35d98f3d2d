/**
 * examples/one-pipeline: the README's Quick start example, exactly, run as a user runs it (its own
 * App and app.synth()) into a temporary output directory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/app';
import { exampleAsReadmeShowsIt, readmeTsBlockAfter } from '../../support/readme-examples';

const EXAMPLE = path.join(ROOT, 'examples', 'one-pipeline', 'main.ts');

describe('the one-pipeline example', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-one-pipeline-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  // The example's `new App()` writes where CDKTF_OUTDIR says, as it would for a user.
  const before = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require(EXAMPLE));
  } finally {
    if (before === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = before;
  }
  const tf = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'metrics', 'cdk.tf.json'), 'utf8'));

  test('is the code the README shows', () => {
    // The Quick start is the README's first section, and its first ts block is the example.
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n## ')[1]).toMatch(/^Quick start\n/);
    expect(readmeTsBlockAfter('## Quick start')).toBe(exampleAsReadmeShowsIt(EXAMPLE));
  });

  test('synthesizes one pipeline for both clusters, alarming a topic it creates with the email subscribed', () => {
    expect(Object.values(tf.resource.aws_sfn_state_machine)).toHaveLength(1);
    const input = JSON.parse((Object.values(tf.resource.aws_scheduler_schedule)[0] as any).target.input);
    expect(input.clusters).toEqual(['prod-api', 'prod-workers']);
    expect(Object.values(tf.resource.aws_sns_topic_subscription).map((s: any) => [s.protocol, s.endpoint])).toEqual([['email', 'oncall@example.com']]);
    expect(Object.keys(tf.output)).toContain('ecs-metrics_alarm_topic_arn');
  });
});
