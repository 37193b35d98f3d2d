/**
 * The three lines in this repository: each synthesizes the example fleet and a construct in
 * its own stack with the built library, and every difference from line 1's Terraform JSON is
 * one named provider or framework change, checked value by value — nothing else may differ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/app';
import {
  awsProviderVersion,
  type Difference,
  differences,
  installedManifest,
  type Line,
  LINE_APP,
  type LineId,
  type LineRun,
  LINES,
  repositoryLibrary,
  runLineApp,
} from '../../support/lines';

const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const runs = new Map<LineId, LineRun>();
function run(id: LineId): LineRun {
  if (!runs.has(id)) {
    const outdir = path.join(work, id);
    runs.set(id, runLineApp(LINES[id], { script: LINE_APP, library: repositoryLibrary(LINES[id]), outdir, cwd: ROOT }));
  }
  return runs.get(id)!;
}

interface Explanation {
  readonly change: string;
  /** The lines on which this change shows. */
  readonly lines: readonly LineId[];
  /** True when `d` is exactly this change between line 1 and `line`. */
  readonly explains: (d: Difference, line: Line) => boolean;
}

const AWS_REGION_NAME = /(\$\{data\.aws_region\.[A-Za-z0-9_-]+)\.name\}/;

/** Every way line 2 or 3 may differ from line 1, each with the change that causes it. */
const EXPLANATIONS: readonly Explanation[] = [
  {
    change: 'AWS provider 6 renamed the aws_region data source attribute name to region (name is deprecated)',
    lines: ['provider-aws-21', 'cdktn'],
    explains: (d) =>
      typeof d.before === 'string' && AWS_REGION_NAME.test(d.before) && d.after === d.before.replace(new RegExp(AWS_REGION_NAME.source, 'g'), '$1.region}'),
  },
  {
    change: "each provider line's bindings pin the hashicorp/aws version they were generated from",
    lines: ['provider-aws-21', 'cdktn'],
    explains: (d, line) =>
      d.path === 'terraform.required_providers.aws.version' &&
      d.before === awsProviderVersion(LINES['provider-aws-20']) &&
      d.after === awsProviderVersion(line) &&
      String(d.after).startsWith('6.'),
  },
  {
    change: '@cdktn/provider-aws writes the full source address hashicorp/aws, which Terraform reads "aws" as',
    lines: ['cdktn'],
    explains: (d) => d.path === 'terraform.required_providers.aws.source' && d.before === 'aws' && d.after === 'hashicorp/aws',
  },
  {
    change: 'the metadata names the framework version that synthesized the stack (cdktn, not cdktf)',
    lines: ['cdktn'],
    explains: (d) => d.path === '//.metadata.version' && d.before === installedManifest('cdktf').version && d.after === installedManifest('cdktn').version,
  },
];

/** The change explaining `d`, or the difference itself when nothing does. */
function explanationOf(d: Difference, line: Line): string {
  const found = EXPLANATIONS.find((e) => e.lines.includes(line.id) && e.explains(d, line));
  return found ? found.change : `UNEXPLAINED ${d.path}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`;
}

describe.each(['provider-aws-20', 'provider-aws-21', 'cdktn'] as const)('line %s in this repository', (id) => {
  test('synthesizes the example fleet and a construct in its own stack, loading only its own framework and provider', () => {
    const result = run(id);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const line = LINES[id];
    expect(result.loaded).toEqual([line.providerInstall, line.frameworkInstall, 'constructs'].sort());
    expect(Object.keys(result.stacks.fleet)).toEqual(Object.keys(run('provider-aws-20').stacks.fleet));
    expect(Object.keys(result.stacks['own-stack'])).toEqual(['metrics']);
  });
});

describe.each(['provider-aws-21', 'cdktn'] as const)('line %s beside line 1', (id) => {
  test('every difference in the Terraform JSON is a named provider or framework change', () => {
    const line = LINES[id];
    const base = run('provider-aws-20');
    const other = run(id);
    const found = new Map<string, Set<string>>();
    for (const app of ['fleet', 'own-stack']) {
      for (const [stack, json] of Object.entries(base.stacks[app])) {
        for (const d of differences(json, other.stacks[app][stack])) {
          const change = explanationOf(d, line);
          found.set(change, (found.get(change) ?? new Set()).add(`${app}/${stack}`));
        }
      }
    }
    const changes = [...found.keys()].sort();
    expect(changes.filter((c) => c.startsWith('UNEXPLAINED'))).toEqual([]);
    // Each expected change happens, where it should: only the own-stack example reads aws_region.
    const expected = EXPLANATIONS.filter((e) => e.lines.includes(id)).map((e) => e.change);
    expect(changes).toEqual([...expected].sort());
    expect([...found.get(EXPLANATIONS[0].change)!]).toEqual(['own-stack/metrics']);
  });
});

test('line 1 reads aws_region by name, and the lines 2 and 3 by region', () => {
  const regionData = (id: LineId) => JSON.stringify(run(id).stacks['own-stack'].metrics).match(/data\.aws_region\.[\w-]+\.\w+/g) ?? [];
  expect(new Set(regionData('provider-aws-20'))).toEqual(new Set(['data.aws_region.ecs-metrics_region_AB20329F.name']));
  expect(new Set(regionData('provider-aws-21'))).toEqual(new Set(['data.aws_region.ecs-metrics_region_AB20329F.region']));
  expect(new Set(regionData('cdktn'))).toEqual(new Set(['data.aws_region.ecs-metrics_region_AB20329F.region']));
});

test('the Lambda runtime is the same nodejs22.x on every line', () => {
  for (const id of Object.keys(LINES) as LineId[]) {
    const functions = Object.values(run(id).stacks['own-stack'].metrics.resource as Record<string, Record<string, { runtime?: string }>>)
      .flatMap((byName) => Object.values(byName))
      .filter((r) => r.runtime !== undefined);
    expect(functions.map((f) => f.runtime)).toEqual(['nodejs22.x']);
  }
});
