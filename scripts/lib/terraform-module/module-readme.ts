/**
 * The module's README: what it is, the example, and tables of its inputs and outputs written from
 * the variable definitions (pipeline-variables.ts) and the outputs (pipeline-module.ts). Pure.
 */
import type { ModuleVariable } from './pipeline-variables';

export interface ModuleReadmeParts {
  readonly title: string;
  readonly intro: string;
  readonly example: string;
  readonly variables: readonly ModuleVariable[];
  readonly outputs: readonly { readonly name: string; readonly description: string }[];
  readonly limits: readonly string[];
  readonly notes: readonly string[];
  /** The archive's submodules (the root module's README lists them): folder below `modules/`, what it deploys and where. */
  readonly submodules?: readonly Submodule[];
}

/** One submodule of the archive. */
export interface Submodule {
  readonly name: string;
  readonly deploys: string;
  readonly where: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;

/** A validation message as the table shows it: each interpolation (the value refused) written `…`. */
export function withoutInterpolations(message: string): string {
  let text = '';
  for (let i = 0; i < message.length; i++) {
    if (!message.startsWith('${', i)) {
      text += message[i];
      continue;
    }
    let depth = 0;
    for (; i < message.length; i++) {
      if (message[i] === '{') depth++;
      else if (message[i] === '}' && --depth === 0) break;
    }
    text += '…';
  }
  return text;
}

/** The default as HCL shows it. */
function defaultText(v: ModuleVariable): string {
  if (v.default === undefined) return 'n/a';
  if (v.default === null) return code('null');
  return code(JSON.stringify(v.default).replaceAll('","', '", "'));
}

/** The inputs table: one row per variable, its validation messages as the rule. */
export function inputsTable(variables: readonly ModuleVariable[]): string {
  const rows = variables.map((v) =>
    [
      code(v.name),
      cell(v.description),
      code(v.type),
      defaultText(v),
      v.default === undefined ? 'yes' : 'no',
      v.validations.length === 0 ? '' : cell(v.validations.map((rule) => withoutInterpolations(rule.message)).join(' ')),
    ].join(' | '),
  );
  return ['| Name | Description | Type | Default | Required | Validation |', '|---|---|---|---|---|---|', ...rows.map((r) => `| ${r} |`)].join('\n');
}

export function outputsTable(outputs: ModuleReadmeParts['outputs']): string {
  return ['| Name | Description |', '|---|---|', ...outputs.map((o) => `| ${code(o.name)} | ${cell(o.description)} |`)].join('\n');
}

export function moduleReadme(parts: ModuleReadmeParts): string {
  return [
    `# ${parts.title}`,
    '',
    parts.intro,
    '',
    '## Usage',
    '',
    '```hcl',
    parts.example.trimEnd(),
    '```',
    '',
    '## Inputs',
    '',
    inputsTable(parts.variables),
    '',
    '## Outputs',
    '',
    outputsTable(parts.outputs),
    '',
    ...(parts.submodules?.length
      ? [
          '## Submodules',
          '',
          'Hub mode and organizations; each has its README (inputs, outputs) and an `examples/<name>` root.',
          '',
          '| Source | Deploys | Where |',
          '|---|---|---|',
          ...parts.submodules.map((m) => `| ${code(`modules/${m.name}`)} | ${cell(m.deploys)} | ${cell(m.where)} |`),
          '',
        ]
      : []),
    '## Not in the module',
    '',
    ...parts.limits.map((limit) => `- ${limit}`),
    '',
    '## Notes',
    '',
    ...parts.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
