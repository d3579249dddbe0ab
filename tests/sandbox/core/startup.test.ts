import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm run sandbox` as a developer starts it: listening, with its identities printed, in under 3 s. */

const STARTUP_BUDGET_MS = 3_000;
// Other test files run beside this one on a 2-core machine; the best of a few starts measures the
// sandbox rather than the neighbours (a slow sandbox is slow every time).
const ATTEMPTS = 3;
const children: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  // The CLI runs under npm and tsx: stop each whole process group this test started.
  for (const child of children.splice(0)) if (child.pid) process.kill(-child.pid, 'SIGTERM');
});

/** Starts `npm run sandbox` and resolves once it answers a node request: the elapsed time and its output. */
async function timeOneStart(): Promise<{ elapsedMs: number; output: string }> {
  const started = performance.now();
  const child = spawn('npm', ['run', 'sandbox', '--', '--port', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening after 15 s:\n${output}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  const response = await fetch(`${origin}/tron/wallet/getnowblock`, { method: 'POST' });
  expect(response.status).toBe(200);
  const elapsedMs = performance.now() - started;
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  return { elapsedMs, output };
}

describe('npm run sandbox', () => {
  it('is listening and answering in under 3 seconds, and prints the seeded identities', async () => {
    const times: number[] = [];
    let output = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const run = await timeOneStart();
      times.push(Math.round(run.elapsedMs));
      output = run.output;
      if (run.elapsedMs < STARTUP_BUDGET_MS) break;
    }
    console.info(`npm run sandbox answered after ${times.join(', ')} ms`);

    expect(Math.min(...times)).toBeLessThan(STARTUP_BUDGET_MS);
    expect(output).toContain('"tronlink"');
    expect(output).toContain('privateKey');
  });
});
