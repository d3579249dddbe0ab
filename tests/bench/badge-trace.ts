/**
 * Reading a Chrome trace (CDP `Tracing`, devtools.timeline categories) of the renderer's main thread:
 * which tasks ran, how long each took, and how much of each was the extension's script, style
 * recalculation, layout, paint and the page's own script. Used by `npm run bench:badges` to charge
 * tasks and frames to the content script.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
].join(',');

/** Starts tracing on a page's CDP session. */
export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: TRACE_CATEGORIES.split(','), recordMode: 'recordAsMuchAsPossible' },
  });
}

/** Stops tracing and reads every event. */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event: { stream?: string }) => resolve(event.stream!)),
  );
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = (await cdp.send('IO.read', { handle: stream })) as {
      data: string;
      eof: boolean;
      base64Encoded?: boolean;
    };
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** One top-level task of the page's main thread and what it spent its time on (ms). */
export interface TaskCost {
  startMs: number;
  durMs: number;
  /** Script whose URL is the extension's (content script functions, observer callbacks). */
  oursMs: number;
  /** Script of anyone else (the page). */
  pageScriptMs: number;
  styleMs: number;
  layoutMs: number;
  paintMs: number;
  /** Style and layout forced inside the page's script (a page reading a box after our changes). */
  forcedInPageMs: number;
  /**
   * Microtasks and parsing run outside any attributed script event (promise reactions: the page's
   * rendering after a fetch, and our own answers alike): their owner is unknown.
   */
  unknownScriptMs: number;
  /** Style and layout forced inside our script (already in `oursMs`). */
  forcedInOursMs: number;
  /** True when the task is a rendering update (BeginMainFrame / animation frame). */
  frame: boolean;
}

/**
 * What a task costs the content script in a window where only it changes the page: the whole task
 * but the page's own script, whose forced style and layout (reading a box after our insertions) is
 * ours again.
 */
export const chargedInWindow = (t: TaskCost) => t.durMs - t.pageScriptMs + t.forcedInPageMs;

const SCRIPT = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.callFunction',
  'TimerFire',
  'FireAnimationFrame',
]);

/**
 * The main thread of the renderer that ran `pageUrl` (the thread whose events name the URL), its
 * top-level tasks, each broken down. Script is charged by the URL of the outermost script event:
 * `FunctionCall`/`EvaluateScript` carry `args.data.url`.
 */
export function tasksOf(events: TraceEvent[], extensionOrigin: string): TaskCost[] {
  // The renderer main thread: the one with the most "CrRendererMain" name, and most ParseHTML etc.
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const mains = names.filter((e) => (e.args as { name?: string })?.name === 'CrRendererMain');
  // Pick the main thread with the most layout time (the page being measured).
  let best: { pid: number; tid: number } | null = null;
  let bestLayout = -1;
  for (const m of mains) {
    const layout = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'Layout')
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (layout > bestLayout) {
      bestLayout = layout;
      best = { pid: m.pid, tid: m.tid };
    }
  }
  if (!best) return [];
  const own = events
    .filter((e) => e.pid === best.pid && e.tid === best.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: TaskCost[] = [];
  let current: TaskCost | null = null;
  let currentEnd = 0;
  // Nesting: the outermost script event decides the owner of everything inside it.
  let scriptEnd = 0;
  let scriptOurs = false;
  let styleEnd = 0;
  let layoutEnd = 0;
  let paintEnd = 0;
  for (const e of own) {
    const end = e.ts + e.dur!;
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      if (current && e.ts < currentEnd) continue; // nested task
      current = {
        startMs: e.ts / 1000,
        durMs: e.dur! / 1000,
        oursMs: 0,
        pageScriptMs: 0,
        styleMs: 0,
        layoutMs: 0,
        paintMs: 0,
        forcedInPageMs: 0,
        forcedInOursMs: 0,
        unknownScriptMs: 0,
        frame: false,
      };
      currentEnd = end;
      tasks.push(current);
      scriptEnd = styleEnd = layoutEnd = paintEnd = 0;
      continue;
    }
    if (!current || e.ts >= currentEnd) continue;
    if (e.name === 'BeginMainFrame' || e.name === 'Animation Frame Fired' || e.name === 'FireAnimationFrame')
      current.frame = true;
    if (SCRIPT.has(e.name) && e.ts >= scriptEnd) {
      const data = (e.args?.data ?? {}) as { url?: string; scriptName?: string };
      const url = data.url ?? data.scriptName ?? '';
      scriptOurs = url.startsWith(extensionOrigin);
      scriptEnd = end;
      if (scriptOurs) current.oursMs += e.dur! / 1000;
      else if (e.name !== 'FireAnimationFrame' && e.name !== 'TimerFire')
        current.pageScriptMs += e.dur! / 1000;
      continue;
    }
    if ((e.name === 'RunMicrotasks' || e.name === 'ParseHTML') && e.ts >= scriptEnd)
      current.unknownScriptMs += e.dur! / 1000;
    const inPageScript = e.ts < scriptEnd && !scriptOurs;
    const inOurScript = e.ts < scriptEnd && scriptOurs;
    if ((e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles') && e.ts >= styleEnd) {
      styleEnd = end;
      current.styleMs += e.dur! / 1000;
      if (inPageScript) current.forcedInPageMs += e.dur! / 1000;
      if (inOurScript) current.forcedInOursMs += e.dur! / 1000;
    } else if (e.name === 'Layout' && e.ts >= layoutEnd) {
      layoutEnd = end;
      current.layoutMs += e.dur! / 1000;
      if (inPageScript) current.forcedInPageMs += e.dur! / 1000;
      if (inOurScript) current.forcedInOursMs += e.dur! / 1000;
    } else if ((e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize') && e.ts >= paintEnd) {
      paintEnd = end;
      current.paintMs += e.dur! / 1000;
    }
  }
  for (const t of tasks) t.frame ||= t.paintMs > 0;
  return tasks;
}

/** How a window's tasks are charged (see `chargedTasks`). */
export interface ChargeRules {
  /** Charge paint too (false while scrolling: the page repaints what scrolls into view anyway). */
  paint: boolean;
  /** The page's own script may change the DOM in this window (loading, appending rows). */
  pageChanges: boolean;
}

/**
 * What each task costs the content script: its own script (with the style and layout it forces),
 * plus the style, layout (and paint, per `rules`) the task runs outside any script, unless the
 * page's own script (or microtasks, whose owner the trace does not name) ran since the last
 * rendering task and `rules.pageChanges` says the page may change itself (that rendering is then the
 * page's: this under-charges rendering after our own answers at load, whose script time the
 * content script's busy figures report). Style and layout a page script forces
 * are ours where only we change the page (the bench's own reads of badge boxes).
 */
export function chargedTasks(tasks: TaskCost[], rules: ChargeRules): number[] {
  let pageRan = false;
  return tasks.map((t) => {
    // Microtasks of unknown owner count as the page's here: its rows arrive in them.
    if (t.pageScriptMs > 0.5 || t.unknownScriptMs > 0.5) pageRan = true;
    const rendering =
      t.styleMs + t.layoutMs + (rules.paint ? t.paintMs : 0) - t.forcedInOursMs - t.forcedInPageMs;
    const renderingOurs = rules.pageChanges && pageRan ? 0 : Math.max(0, rendering);
    const forcedByPage = rules.pageChanges ? 0 : t.forcedInPageMs;
    if (t.frame) pageRan = false;
    return t.oursMs + renderingOurs + forcedByPage;
  });
}

/** A short line about the longest tasks. */
export function describeTasks(tasks: TaskCost[], top = 8): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  return [...tasks]
    .sort((a, b) => b.durMs - a.durMs)
    .slice(0, top)
    .map(
      (t) =>
        `${r(t.durMs)}ms${t.frame ? ' frame' : ''} [ours ${r(t.oursMs)}, page js ${r(t.pageScriptMs)}, style ${r(t.styleMs)}, layout ${r(t.layoutMs)}, paint ${r(t.paintMs)}]`,
    )
    .join('; ');
}
