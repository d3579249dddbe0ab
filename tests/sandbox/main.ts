import { parseArgs } from 'node:util';
import { startSandbox } from './server';

/**
 * `npm run sandbox [-- --port N --host H --block-ms N]`: starts the sandbox, prints its origin and
 * the seeded identities, and runs until interrupted.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'block-ms': { type: 'string', default: '3000' },
  },
});

const port = Number(values.port);
const blockIntervalMs = Number(values['block-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`--port must be 0..65535, got ${values.port}`);
if (!Number.isInteger(blockIntervalMs) || blockIntervalMs < 50)
  throw new Error('--block-ms must be an integer ≥ 50');

const sandbox = await startSandbox({ port, host: values.host, blockIntervalMs });
console.log(
  JSON.stringify(
    { seeded: sandbox.world.seeded },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    2,
  ),
);
// performance.now() counts from process start, so this includes loading tsx, TronWeb and every service.
console.log(
  `Ampere sandbox listening on ${sandbox.origin} (ready ${Math.round(performance.now())} ms after start)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
