/**
 * An organization's stacks and synth time against the same accounts listed: each size and shape
 * synthesized in fresh processes, `runs` times (the listed 5,000 once: it is the slow one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { OrganizationMeasurement, OrganizationShape } from './organization-worker';
import { formatSummary, type Summary, summarize } from './stats';
import { runWorker } from './worker';

export const ORGANIZATION_HEADING = 'Organization: stacks and synth time';
export const ORGANIZATION_ACCOUNTS: readonly number[] = [10, 5000];
const SHAPES: readonly OrganizationShape[] = ['organization', 'listed'];

export interface OrganizationRow {
  readonly shape: OrganizationShape;
  readonly accounts: number;
  readonly stacks: number;
  readonly total: Summary;
  readonly synth: Summary;
  readonly peakRssMb: Summary;
}

export function measureOrganization(runs: number, progress: (message: string) => void): OrganizationRow[] {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-bench-organization-'));
  try {
    const rows: OrganizationRow[] = [];
    for (const accounts of ORGANIZATION_ACCOUNTS) {
      for (const shape of SHAPES) {
        const samples: OrganizationMeasurement[] = [];
        // The listed 5,000 takes half a minute a run: measured once.
        const times = shape === 'listed' && accounts > 1000 ? 1 : runs;
        for (let run = 1; run <= times; run++) {
          progress(`organization run ${run}/${times}: ${accounts} accounts, ${shape}`);
          const outdir = path.join(work, 'cdktf.out');
          samples.push(runWorker<OrganizationMeasurement>('organization-worker.ts', ['--accounts', String(accounts), '--shape', shape, '--outdir', outdir]));
          rmSync(outdir, { recursive: true, force: true });
        }
        rows.push({
          shape,
          accounts,
          stacks: samples[0].stacks,
          total: summarize(samples.map((s) => s.totalMs / 1000)),
          synth: summarize(samples.map((s) => s.synthMs / 1000)),
          peakRssMb: summarize(samples.map((s) => s.peakRssMb)),
        });
      }
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The BENCHMARKS.md section. */
export function organizationSection(rows: readonly OrganizationRow[], measured?: string): string {
  const lines = rows.map(
    (r) =>
      `| ${r.accounts.toLocaleString('en-US')} | ${r.shape === 'listed' ? 'listed (`accounts`)' : 'organization (`organization.units`)'} | ${r.stacks.toLocaleString('en-US')} | ` +
      `${formatSummary(r.total, 's', 2)} | ${formatSummary(r.synth, 's', 2)} | ${formatSummary(r.peakRssMb, 'MB', 0)} |`,
  );
  const org = rows.filter((r) => r.shape === 'organization');
  return [
    `## ${ORGANIZATION_HEADING}`,
    '',
    'A hub fleet of N member accounts (one region each, clusters "*", a 30-s interval), synthesized to disk in a fresh process per run: the accounts listed in the config ' +
      '(the hub and a spoke stack per account), or the organizational unit that holds them (the hub and the organization stack; the accounts are found at run time, ' +
      'so the config and the output are the same at any N). Wall time from process start to the end of `app.synth()`.',
    '',
    '| accounts | config | stacks | wall time | app.synth() | peak memory (RSS) |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
    ...lines,
    '',
    `- An organization is ${org.map((r) => r.stacks).join(' and ')} stacks at ${ORGANIZATION_ACCOUNTS.map((n) => n.toLocaleString('en-US')).join(' and ')} accounts: neither stack count nor synth time grows with the accounts ` +
      "(the same config is synthesized; a difference between its rows is the machine's noise). Listed accounts add a spoke stack each.",
    ...(measured ? ['', measured] : []),
  ].join('\n');
}
