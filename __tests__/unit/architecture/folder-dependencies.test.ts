/**
 * The architecture, as a test: folders import each other in one direction only (catalog ->
 * common -> contract -> pipeline and monitoring -> fleet -> cost; the collector only catalog,
 * common and contract), the hub reaches the pipeline only through its declared surface
 * (modules/pipeline/for-hub*.ts), and loading a fleet config or pricing it loads no construct. The import
 * scanner is the project's own, so the test runs from a clean clone.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../support/app';

/** Every .ts source file under `dir` (relative to ROOT), declaration files left out. */
function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Specifiers of a file's static imports and re-exports (`import … from`, `export … from`, `import '…'`). */
function importSpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/gm)) specifiers.push(match[1]);
  for (const match of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) specifiers.push(match[1]);
  return specifiers;
}

/** The project file a relative specifier names, or undefined for a package. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.join(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => existsSync(path.join(ROOT, c)) && statSync(path.join(ROOT, c)).isFile());
}

/** `modules/pipeline`, `functions/collector`; the package barrel `modules/index.ts` is its own node. */
const folderOf = (file: string) => {
  const parts = file.split(path.sep);
  return parts.length === 2 ? file.replace(/\.ts$/, '') : parts.slice(0, 2).join('/');
};

const files = [...sourceFiles('modules'), ...sourceFiles('functions')];
const importsOf = new Map(files.map((file) => [file, importSpecifiers(readFileSync(path.join(ROOT, file), 'utf8')).map((s) => resolveImport(file, s) ?? s)]));

/** Folder -> the folders its files import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of importsOf) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const target of targets) {
      if (!files.includes(target)) continue;
      const to = folderOf(target);
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every cycle's folders (strongly connected components of more than one folder), Tarjan's way. */
function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The package's entry points: the root barrel and the subpaths' barrels, which may re-export any folder. */
const ENTRY_POINTS = ['modules/index', 'modules/subpaths'];

/** What each folder may import; anything else is a dependency pointing the wrong way. */
const ALLOWED: Record<string, readonly string[]> = {
  'modules/metrics': [],
  'modules/common': ['modules/metrics'],
  'modules/contract': ['modules/common', 'modules/metrics'],
  'modules/monitoring': ['modules/common', 'modules/metrics', 'modules/contract'],
  'modules/hub': ['modules/common', 'modules/metrics', 'modules/contract', 'modules/monitoring', 'modules/pipeline'],
  'modules/pipeline': ['modules/common', 'modules/metrics', 'modules/contract', 'modules/monitoring'],
  'modules/fleet': ['modules/common', 'modules/metrics', 'modules/contract', 'modules/hub', 'modules/monitoring', 'modules/pipeline'],
  'modules/cost': ['modules/common', 'modules/metrics', 'modules/contract', 'modules/hub', 'modules/monitoring', 'modules/pipeline'],
  'functions/collector': ['modules/metrics', 'modules/common', 'modules/contract'],
};

/**
 * The pipeline's declared surface for the hub: the only files of modules/pipeline that modules/hub
 * may import. Two, because the fleet config loads the hub's checks without constructs: the rules
 * (construct-free) and the build steps the hub's constructs reuse.
 */
const HUB_SURFACE = [path.join('modules', 'pipeline', 'for-hub.ts'), path.join('modules', 'pipeline', 'for-hub-build.ts')];
const HUB_SURFACE_RULES = HUB_SURFACE[0];

/** The names a file imports from `target`, by its `import … from` statements. */
function namesImported(file: string, target: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/^\s*import\s(?:type\s)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/gm)]
    .filter((match) => resolveImport(file, match[2]) === target)
    .flatMap((match) => match[1].split(',').map((name) => name.trim().replace(/^type\s+/, '')))
    .filter((name) => name !== '');
}

/** The names a file re-exports (`export { … } from`). */
function namesReExported(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/^\s*export\s(?:type\s)?\{([^}]*)\}\s*from/gm)].flatMap((match) =>
    match[1].split(',').map((name) => name.trim().replace(/^type\s+/, '')),
  );
}

/** Every project file `entry` loads, itself included. */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const target of importsOf.get(file) ?? []) if (files.includes(target)) walk(target);
  };
  walk(entry);
  return seen;
}

/** Files that define or import constructs (cdktf constructs or AWS provider resources). */
const loadsConstructs = (file: string) => (importsOf.get(file) ?? []).some((s) => s === 'constructs' || s.startsWith('@cdktf/provider-aws'));

describe('folder dependencies', () => {
  test('the scanner sees the imports (else every check below would pass on nothing)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf.get(path.join('modules', 'pipeline', 'pipeline-build.ts'))).toContain(path.join('modules', 'monitoring', 'pipeline-monitoring.ts'));
    expect(
      folderCycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
          ['c', new Set(['a'])],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });

  test('no folder imports a folder that imports it back', () => {
    expect(folderCycles(folderGraph())).toEqual([]);
  });

  test('every folder imports only the folders below it', () => {
    const wrongWay: string[] = [];
    for (const [from, targets] of folderGraph()) {
      if (ENTRY_POINTS.includes(from)) continue;
      const allowed = ALLOWED[from];
      if (!allowed) {
        wrongWay.push(`${from} is a new folder: add it to ALLOWED with the folders it may import`);
        continue;
      }
      for (const to of targets) if (!allowed.includes(to)) wrongWay.push(`${from} -> ${to}`);
    }
    expect(wrongWay).toEqual([]);
  });

  test('no module imports an entry point: they are for users, and importing them would tie a folder to every other', () => {
    const importers = [...folderGraph()].filter(([from, targets]) => !ENTRY_POINTS.includes(from) && ENTRY_POINTS.some((entry) => targets.has(entry)));
    expect(importers.map(([from]) => from)).toEqual([]);
  });

  test('loading and validating a fleet config loads no construct', () => {
    const loaded = [...closure(path.join('modules', 'fleet', 'load-config.ts'))].filter(loadsConstructs);
    expect(loaded).toEqual([]);
  });

  test.each(['cost', 'iam', 'metrics'])('the %s subpath loads no construct (a script may price or check without cdktf)', (subpath) => {
    expect([...closure(path.join('modules', 'subpaths', `${subpath}.ts`))].filter(loadsConstructs)).toEqual([]);
  });

  test('the cost model loads no construct', () => {
    const loaded = sourceFiles(path.join('modules', 'cost')).flatMap((file) => [...closure(file)].filter(loadsConstructs));
    expect(loaded).toEqual([]);
  });
  test('the hub imports from the pipeline only its declared surface', () => {
    const reaching: string[] = [];
    for (const [file, targets] of importsOf) {
      if (folderOf(file) !== 'modules/hub') continue;
      for (const target of targets) {
        if (folderOf(target) === 'modules/pipeline' && !HUB_SURFACE.includes(target)) {
          reaching.push(
            `${file} imports ${target}: import it through the pipeline's surface for the hub (${HUB_SURFACE.join(' or ')}), adding it there if the hub needs it`,
          );
        }
      }
    }
    expect(reaching).toEqual([]);
  });

  test("the pipeline's surface for the hub is the hub's alone, and holds only what the hub uses", () => {
    const others = [...importsOf]
      .filter(([file, targets]) => folderOf(file) !== 'modules/hub' && !HUB_SURFACE.includes(file) && targets.some((t) => HUB_SURFACE.includes(t)))
      .map(([file]) => file);
    expect(others).toEqual([]);
    const hubFiles = files.filter((file) => folderOf(file) === 'modules/hub');
    const unused = HUB_SURFACE.flatMap((surface) => {
      const used = new Set(hubFiles.flatMap((file) => namesImported(file, surface)));
      return namesReExported(surface)
        .filter((name) => !used.has(name))
        .map((name) => `${surface} exports ${name}, which no file of modules/hub imports`);
    });
    expect(unused).toEqual([]);
  });

  test("the hub's surface of pipeline rules loads no construct (the fleet config loads it)", () => {
    expect([...closure(HUB_SURFACE_RULES)].filter(loadsConstructs)).toEqual([]);
  });
});
