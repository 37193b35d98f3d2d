/**
 * Starts and stops one moto_server (the AWS emulator) per scenario, on a free port, so scenarios
 * run side by side without sharing state. A missing tool is an error that says what to install.
 */
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { spawnOwned } from './child-processes';

/** What to install for each tool the emulator tier needs. */
export const TOOL_INSTALL_HINTS: Readonly<Record<string, string>> = {
  moto_server: 'install moto with its server extras: pip install "moto[server]==5.2.1" (it provides moto_server)',
  terraform: 'install Terraform 1.5 or later (https://developer.hashicorp.com/terraform/install)',
};

/** The full path of an executable on PATH, or undefined. */
export function findOnPath(command: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Throws one error naming every missing tool and how to install it. */
export function requireEmulatorTools(searchPath = process.env.PATH ?? ''): void {
  const missing = Object.keys(TOOL_INSTALL_HINTS).filter((tool) => !findOnPath(tool, searchPath));
  if (missing.length > 0) {
    throw new Error(`The emulator tier needs ${missing.join(' and ')} on PATH: ${missing.map((tool) => TOOL_INSTALL_HINTS[tool]).join('; ')}`);
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts moto_server on a free port. `lambdaPort` becomes its MOTO_PORT, the port its state
 * machines send Lambda invocations to (the front, which runs the deployed collector).
 */
export async function startMotoServer(lambdaPort: number, log: (line: string) => void = () => {}): Promise<MotoServer> {
  const port = await freePort();
  const child = spawnOwned('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_PORT: String(lambdaPort), PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { endpoint, port, stop: () => stopChild(child) };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Ends the process group this module started (moto_server leads it), and waits for moto_server to go. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup('SIGTERM');
  });
}
