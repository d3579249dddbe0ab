/**
 * `npm run bench:sandbox-start [-- --runs N]`: how long `npm run sandbox` takes to start, as a
 * developer starts it. (tests/sandbox/core/startup.test.ts checks that it starts at all; the figure
 * lives here, where a busy machine shows up as a slow run instead of a failed test.)
 *
 * Method (printed with the figures):
 * - Each run spawns `npm run sandbox -- --port 0` in its own process group from this process and
 *   waits for it to exit before the next run (SIGTERM to the group), so runs never overlap.
 * - listeningMs: from the spawn to the "listening on <origin>" line on its stdout.
 * - answeredMs: from the spawn to the first answer (HTTP 200) to POST /tron/wallet/getnowblock.
 * - readyMs: the sandbox's own figure ("ready N ms after start": performance.now() in the tsx
 *   process, so it leaves out npm and the tsx launcher but includes loading TronWeb and every
 *   service). answeredMs − readyMs is what npm and the launcher add.
 * - The load average when the benchmark starts and ends is printed: on a shared machine it explains
 *   most of the spread.
 * - Figures are the median over runs (answeredMs is the headline).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const TIMEOUT_MS = 120_000;

interface Run {
  listeningMs: number;
  answeredMs: number;
  readyMs: number;
}

const round = (ms: number) => Math.round(ms);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function oneStart(): Promise<Run> {
  const started = performance.now();
  const child = spawn('npm', ['run', 'sandbox', '--', '--port', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const { origin, listeningMs, readyMs } = await new Promise<{
      origin: string;
      listeningMs: number;
      readyMs: number;
    }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not listening after ${TIMEOUT_MS} ms:\n${output}`)),
        TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+) \(ready (\d+) ms after start\)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve({ origin: match[1]!, listeningMs: performance.now() - started, readyMs: Number(match[2]) });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm run sandbox exited with ${code}:\n${output}`));
      });
    });
    const response = await fetch(`${origin}/tron/wallet/getnowblock`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`getnowblock answered HTTP ${response.status}`);
    await response.arrayBuffer();
    return { listeningMs, answeredMs: performance.now() - started, readyMs };
  } finally {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
  }
}

const loadBefore = load();
console.log(
  `npm run sandbox, ${RUNS} starts one after another on ${cpus().length} CPUs (load average ${loadBefore})`,
);
console.log('run  listening ms  answered ms  sandbox ready ms  npm + launcher ms');
const runs: Run[] = [];
for (let run = 1; run <= RUNS; run++) {
  const r = await oneStart();
  runs.push(r);
  console.log(
    `${String(run).padStart(3)}  ${String(round(r.listeningMs)).padStart(12)}  ${String(round(r.answeredMs)).padStart(11)}  ${String(r.readyMs).padStart(16)}  ${String(round(r.answeredMs - r.readyMs)).padStart(17)}`,
  );
}

const result = {
  runs: runs.length,
  medianMs: round(median(runs.map((r) => r.answeredMs))),
  listeningMedianMs: round(median(runs.map((r) => r.listeningMs))),
  readyMedianMs: round(median(runs.map((r) => r.readyMs))),
  minMs: round(Math.min(...runs.map((r) => r.answeredMs))),
  maxMs: round(Math.max(...runs.map((r) => r.answeredMs))),
};

console.log(`
Method: ${RUNS} starts of \`npm run sandbox -- --port 0\`, each in its own process group, one after
another (each stopped with SIGTERM and waited for before the next). listening: spawn to its
"listening on" line; answered: spawn to HTTP 200 from POST /tron/wallet/getnowblock; sandbox ready:
its own performance.now() at that line (tsx process start to listening: TronWeb, every service,
the seeded world); npm + launcher: answered − ready. Load average ${loadBefore} at the start,
${load()} at the end (${cpus().length} CPUs).
Medians: answered ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs}), listening ${result.listeningMedianMs} ms, sandbox ready ${result.readyMedianMs} ms.`);
console.log(JSON.stringify(result));
