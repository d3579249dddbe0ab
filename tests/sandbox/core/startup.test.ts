import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run sandbox` as a developer starts it: listening, answering a node request, and printing the
 * seeded identities. How fast it starts is measured by `npm run bench:sandbox-start`, not asserted
 * here: a timing on a shared 2-core machine says more about the neighbours than about the sandbox.
 * The timeout below only catches a start that hangs.
 */

const LIVENESS_TIMEOUT_MS = 60_000;
const children: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  // The CLI runs under npm and tsx: stop each whole process group this test started.
  for (const child of children.splice(0)) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
});

describe('npm run sandbox', () => {
  it(
    'listens, answers a node request and prints the seeded identities',
    async () => {
      const child = spawn('npm', ['run', 'sandbox', '--', '--port', '0'], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const origin = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not listening after ${LIVENESS_TIMEOUT_MS / 1000} s:\n${output}`)),
          LIVENESS_TIMEOUT_MS,
        );
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code}:\n${output}`));
        });
      });

      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${origin}/tron/wallet/getnowblock`, { method: 'POST' });
      expect(response.status).toBe(200);
      const block = (await response.json()) as { block_header?: { raw_data?: { number?: number } } };
      expect(block.block_header?.raw_data?.number).toEqual(expect.any(Number));
      expect(output).toContain('"tronlink"');
      expect(output).toContain('privateKey');
    },
    LIVENESS_TIMEOUT_MS + 15_000,
  );
});
