import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm run sandbox` as a developer starts it: listening, with its identities printed, in under 3 s. */

const STARTUP_BUDGET_MS = 3_000;
let child: ReturnType<typeof spawn> | undefined;

afterEach(() => {
  // The CLI runs under npm and tsx: stop the whole process group we started.
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  child = undefined;
});

describe('npm run sandbox', () => {
  it('is listening and answering in under 3 seconds, and prints the seeded identities', async () => {
    const started = performance.now();
    child = spawn('npm', ['run', 'sandbox', '--', '--port', '0'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening after 15 s:\n${output}`)), 15_000);
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child?.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const response = await fetch(`${origin}/tron/wallet/getnowblock`, { method: 'POST' });
    const elapsed = performance.now() - started;
    console.info(`npm run sandbox answered after ${Math.round(elapsed)} ms`);

    expect(response.status).toBe(200);
    expect(elapsed).toBeLessThan(STARTUP_BUDGET_MS);
    expect(output).toContain('"tronlink"');
    expect(output).toContain('privateKey');
  });
});
