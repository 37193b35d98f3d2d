/**
 * A fleet at a platform team's scale, a tenth of the 400-stack benchmark: 10 accounts x 4
 * regions x 25 clusters synthesized by the app, and a sample of its stacks planned offline.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runApp } from '../../support/app';
import { describePlannedSample } from '../../support/planned-sample';
import { byId } from '../../support/synth';

const ACCOUNTS = 10;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const CLUSTERS = 25;

const accountId = (a: number) => String(100000000000 + a);
const clusters = (a: number, region: string) => Array.from({ length: CLUSTERS }, (_, c) => `svc-${a}-${region}-${c}`);

/** GIVEN a fleet config of ACCOUNTS x REGIONS x CLUSTERS, with its state in S3. */
function scaleConfig(): object {
  return {
    name: 'ecs-highres',
    backend: { type: 's3', bucket: 'acme-terraform-state', region: 'us-east-1', keyPrefix: 'metrics' },
    defaults: { tags: { team: 'platform' } },
    accounts: Array.from({ length: ACCOUNTS }, (_, a) => ({
      id: accountId(a),
      deployRoleArn: `arn:aws:iam::${accountId(a)}:role/terraform`,
      regions: Object.fromEntries(REGIONS.map((region) => [region, { clusters: clusters(a, region) }])),
    })),
  };
}

describe(`a fleet of ${ACCOUNTS * REGIONS.length} stacks and ${ACCOUNTS * REGIONS.length * CLUSTERS} clusters`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-scale-'));
  const configFile = path.join(dir, 'fleet.json');
  writeFileSync(configFile, JSON.stringify(scaleConfig()));
  // WHEN the app synthesizes it
  const run = runApp(configFile, path.join(dir, 'cdktf.out'));
  const stackJson = (stack: string) => JSON.parse(readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

  test('synthesizes one stack per account-region', () => {
    // Only warnings (alarms that notify no one) may be printed: no error, no stack trace.
    expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))).toEqual([]);
    expect(run.status).toBe(0);
    const expected = Array.from({ length: ACCOUNTS }, (_, a) => REGIONS.map((r) => `ecs-highres-${accountId(a)}-${r}`)).flat();
    expect(run.stacks).toEqual(expected.sort());
  });

  test("each stack has its own state key, its account's provider, and a collector scoped to its own 25 clusters", () => {
    const keys = new Set<string>();
    for (let a = 0; a < ACCOUNTS; a++) {
      for (const region of REGIONS) {
        const stack = `ecs-highres-${accountId(a)}-${region}`;
        const tf = stackJson(stack);
        keys.add(tf.terraform.backend.s3.key);
        expect(tf.terraform.backend.s3.key).toBe(`metrics/${stack}/terraform.tfstate`);
        expect(tf.provider.aws[0]).toMatchObject({ region, allowed_account_ids: [accountId(a)] });
        const policy = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy);
        expect(policy.Statement[0].Resource).toEqual(clusters(a, region).map((c) => `arn:aws:ecs:${region}:${accountId(a)}:cluster/${c}`));
      }
    }
    expect(keys.size).toBe(ACCOUNTS * REGIONS.length);
  });

  describePlannedSample('a sample of its stacks (the first and the last) planned offline', path.join(run.outdir, 'stacks'), path.join(dir, 'tf-work'), [
    run.stacks[0],
    run.stacks[run.stacks.length - 1],
  ]);
});
