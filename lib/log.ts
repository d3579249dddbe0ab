/**
 * The extension's logger: levels, quiet in production builds (errors only), everything in sandbox
 * builds. Whatever it prints is redacted first: a token, key, secret, password or signature never
 * reaches the console, whether it is a field of a logged object or a `Bearer …` inside a message.
 */
import { IS_SANDBOX_BUILD } from './config/build-mode';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Field names whose values are credentials, whatever their case or separators. */
const SECRET_FIELD =
  /^(?:.*(?:token|secret|password|passwd|apikey|privatekey|mnemonic|signature|authorization|cookie|recoverycode|fingerprint|twofactorcode)|key|otp|totp|seed)$/;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Query parameters that carry credentials in URLs (`?token=…`, `&api_key=…`). */
const SECRET_QUERY = /([?&](?:[a-z_-]*token|[a-z_-]*key|secret|password|signature)=)[^&#\s]+/gi;
const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** A copy of `value` safe to print: credential fields replaced, bearer tokens in text masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.replace(BEARER, `$1 ${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1), ...redactFields(value, depth) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return redactFields(value, depth);
}

function redactFields(value: object, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    const name = field.toLowerCase().replace(/[^a-z]/g, '');
    out[field] =
      SECRET_FIELD.test(name) && inner != null && inner !== '' ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}

function defaultLevel(): LogLevel {
  const mode = import.meta.env.MODE;
  if (IS_SANDBOX_BUILD || mode === 'development') return 'debug';
  if (mode === 'test') return 'silent';
  return 'error';
}

let threshold: LogLevel = defaultLevel();
let sink: Pick<Console, 'debug' | 'info' | 'warn' | 'error'> = console;

/** Changes what is printed from now on (tests; a future "verbose logs" setting). */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Where lines go (tests read them from a fake console). */
export function setLogSink(next: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>): void {
  sink = next;
}

const rank = (level: LogLevel) => LOG_LEVELS.indexOf(level);

/** A logger whose lines start with `[ampere:<scope>]`. */
export function createLogger(scope: string): Logger {
  const emit =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, ...details: unknown[]) => {
      if (rank(level) < rank(threshold)) return;
      sink[level](`[ampere:${scope}] ${redact(message) as string}`, ...details.map((d) => redact(d)));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
