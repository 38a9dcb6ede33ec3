/**
 * The one shared tfjs runtime of the widgets.
 *
 * Nothing here runs at import time, and tfjs is only ever imported dynamically: a page pays for
 * `@tensorflow/tfjs-core` and exactly one backend package when a widget first asks for the
 * runtime (on approach or on Run). The choice is WebGPU when the browser hands out an adapter,
 * else WebGL, else the CPU; `?backend=webgpu|webgl|cpu` forces one. Every failed attempt is kept
 * with its reason so the widgets can tell the reader why they run where they run.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

export type Tf = typeof TfCore;
export type Tensor = TfCore.Tensor;

export const BACKENDS = ['webgpu', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  cpu: 'CPU (JavaScript)',
};

/** What the browser says about the WebGPU adapter; every field is optional in the spec. */
export interface AdapterSummary {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** A software adapter such as SwiftShader. */
  isFallbackAdapter?: boolean;
}

export interface Fallback {
  backend: BackendName;
  reason: string;
}

export interface BackendReport {
  name: BackendName;
  /** True when `?backend=` chose it. */
  forced: boolean;
  adapter: AdapterSummary | null;
  /** Backends tried before this one, in order, each with why it was not used. */
  fallbacks: Fallback[];
  /** Milliseconds from the first request of the runtime to a working backend. */
  loadMs: number;
}

export interface Runtime {
  tf: Tf;
  report: BackendReport;
}

export type ProgressListener = (message: string) => void;

/** Reads `?backend=` from a query string; anything else means "choose automatically". */
export function parseBackendParam(search: string): BackendName | null {
  const value = new URLSearchParams(search).get('backend')?.toLowerCase() ?? '';
  return (BACKENDS as readonly string[]).includes(value) ? (value as BackendName) : null;
}

/** The order in which backends are tried: the forced one alone, or the full chain minus exclusions. */
export function backendOrder(forced: BackendName | null, excluded: ReadonlySet<BackendName> = new Set()): BackendName[] {
  if (forced) return [forced];
  return BACKENDS.filter((b) => !excluded.has(b));
}

/** One line for the reader: "WebGPU · Google swiftshader (fallback adapter)". */
export function describeBackend(report: BackendReport): string {
  const parts = [BACKEND_LABELS[report.name]];
  const a = report.adapter;
  if (a) {
    const hw = [a.vendor, a.architecture, a.device].filter((s): s is string => !!s && s.length > 0).join(' ');
    if (hw) parts.push(hw);
    if (a.isFallbackAdapter) parts.push('software adapter');
  }
  if (report.forced) parts.push('forced by ?backend=');
  return parts.join(' · ');
}

export function describeFallbacks(report: BackendReport): string {
  return report.fallbacks.map((f) => `${BACKEND_LABELS[f.backend]}: ${f.reason}`).join('; ');
}

// ---------------------------------------------------------------------------------------------
// Browser-only part. Minimal structural types keep this independent of the DOM's WebGPU typings.

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}
interface DeviceLostInfoLike {
  reason: string;
  message: string;
}
interface WebGpuBackendLike {
  device?: { lost?: Promise<DeviceLostInfoLike> };
}

/** Read-only test hook: tests read tensor counts from it; nothing else uses it. */
export interface AtlasTfHook {
  memory(): { numTensors: number; numBytes: number };
  backend(): string;
}
declare global {
  interface Window {
    __atlasTf?: AtlasTfHook;
  }
}

const backendLoaders: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

let tfPromise: Promise<Tf> | null = null;
let runtimePromise: Promise<Runtime> | null = null;
const excluded = new Set<BackendName>();
const lostReasons: Fallback[] = [];
const progressListeners = new Set<ProgressListener>();
const changeListeners = new Set<(runtime: Runtime) => void>();
const loadedBackends = new Set<BackendName>();

function progress(message: string): void {
  for (const listener of progressListeners) listener(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadCore(): Promise<Tf> {
  if (!tfPromise) {
    tfPromise = (async () => {
      progress('Loading TensorFlow.js core…');
      const [tf, gradients] = await Promise.all([import('@tensorflow/tfjs-core'), import('./gradients')]);
      gradients.registerWidgetGradients(tf);
      window.__atlasTf = {
        memory: () => {
          const m = tf.memory();
          return { numTensors: m.numTensors, numBytes: m.numBytes };
        },
        backend: () => tf.getBackend(),
      };
      return tf;
    })();
  }
  return tfPromise;
}

async function webGpuAdapter(): Promise<{ adapter: AdapterSummary } | { reason: string }> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { reason: 'this browser has no navigator.gpu' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { reason: `requestAdapter() failed: ${errorText(error)}` };
  }
  if (!adapter) return { reason: 'requestAdapter() returned no adapter (WebGPU is off or blocklisted here)' };
  let info: GpuAdapterInfoLike | undefined = adapter.info;
  if (!info && adapter.requestAdapterInfo) {
    try {
      info = await adapter.requestAdapterInfo();
    } catch {
      info = undefined;
    }
  }
  const summary: AdapterSummary = {};
  if (info?.vendor) summary.vendor = info.vendor;
  if (info?.architecture) summary.architecture = info.architecture;
  if (info?.device) summary.device = info.device;
  if (info?.description) summary.description = info.description;
  const fallback = info?.isFallbackAdapter ?? adapter.isFallbackAdapter;
  if (fallback !== undefined) summary.isFallbackAdapter = fallback;
  return { adapter: summary };
}

function webGlAvailable(): string | null {
  try {
    const canvas = document.createElement('canvas');
    if (canvas.getContext('webgl2') || canvas.getContext('webgl')) return null;
    return 'no WebGL context could be created';
  } catch (error) {
    return `creating a WebGL context failed: ${errorText(error)}`;
  }
}

/** Imports a backend package once and sets the flags that keep small ops on the device. */
async function importBackend(tf: Tf, name: BackendName): Promise<void> {
  if (loadedBackends.has(name)) return;
  progress(`Loading the ${BACKEND_LABELS[name]} backend…`);
  await backendLoaders[name]();
  // Without these, tensors under ~1000 elements silently run on the CPU: the demos would lie.
  if (name === 'webgpu') tf.env().set('WEBGPU_CPU_FORWARD', false);
  if (name === 'webgl') tf.env().set('WEBGL_CPU_FORWARD', false);
  loadedBackends.add(name);
}

/** Precondition, import, setBackend, then a one-op smoke test. Returns a reason on failure. */
async function tryBackend(tf: Tf, name: BackendName): Promise<{ adapter: AdapterSummary | null } | { reason: string }> {
  let adapter: AdapterSummary | null = null;
  if (name === 'webgpu') {
    progress('Asking the browser for a WebGPU adapter…');
    const found = await webGpuAdapter();
    if ('reason' in found) return found;
    adapter = found.adapter;
  } else if (name === 'webgl') {
    const reason = webGlAvailable();
    if (reason) return { reason };
  }
  try {
    await importBackend(tf, name);
    progress(`Starting ${BACKEND_LABELS[name]}…`);
    const ok = await tf.setBackend(name);
    if (!ok) return { reason: `tf.setBackend('${name}') returned false` };
    await tf.ready();
    const probe = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    const values = await probe.data();
    probe.dispose();
    if (values[0] !== 4 || values[1] !== 6) return { reason: `a test addition gave ${Array.from(values).join(', ')}` };
  } catch (error) {
    return { reason: errorText(error) };
  }
  return { adapter };
}

function watchDeviceLoss(tf: Tf, runtime: Runtime): void {
  if (runtime.report.name !== 'webgpu') return;
  const backend = tf.findBackend('webgpu') as unknown as WebGpuBackendLike | null;
  void backend?.device?.lost?.then((info) => {
    if (info.reason === 'destroyed') return;
    void fallBack(`the WebGPU device was lost (${info.message || info.reason})`);
  });
}

async function chooseBackend(started: number): Promise<Runtime> {
  const tf = await loadCore();
  const forced = parseBackendParam(window.location.search);
  const fallbacks: Fallback[] = [...lostReasons];
  for (const name of backendOrder(forced, excluded)) {
    const result = await tryBackend(tf, name);
    if ('reason' in result) {
      fallbacks.push({ backend: name, reason: result.reason });
      excluded.add(name);
      continue;
    }
    const runtime: Runtime = {
      tf,
      report: { name, forced: forced === name, adapter: result.adapter, fallbacks, loadMs: performance.now() - started },
    };
    watchDeviceLoss(tf, runtime);
    progress(`Running on ${describeBackend(runtime.report)}`);
    return runtime;
  }
  const why = fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ');
  throw new Error(`No tfjs backend works in this browser (${why})`);
}

/**
 * The runtime, loaded once per page. `onProgress` hears what is being loaded while it loads.
 * Rejects only when no backend at all works.
 */
export function loadRuntime(onProgress?: ProgressListener): Promise<Runtime> {
  if (onProgress) progressListeners.add(onProgress);
  if (!runtimePromise) {
    const started = performance.now();
    runtimePromise = chooseBackend(started);
  }
  const current = runtimePromise;
  if (onProgress) void current.finally(() => progressListeners.delete(onProgress)).catch(() => undefined);
  return current;
}

/** Widgets re-render when the runtime changes under them (device loss, missing kernel). */
export function onRuntimeChange(listener: (runtime: Runtime) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Drops the current backend for the next one in line, remembering why. */
async function fallBack(reason: string): Promise<Runtime> {
  const previous = runtimePromise ? await runtimePromise.catch(() => null) : null;
  if (previous) {
    excluded.add(previous.report.name);
    lostReasons.push({ backend: previous.report.name, reason });
  }
  runtimePromise = chooseBackend(performance.now());
  const runtime = await runtimePromise;
  for (const listener of changeListeners) listener(runtime);
  return runtime;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one unit of tfjs work at a time, so a benchmark switching backends never interleaves. */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work, work);
  queue = result.catch(() => undefined);
  return result;
}

function isMissingKernel(error: unknown): boolean {
  return /not registered for backend|kernel .* not found|gradient function not found/i.test(errorText(error));
}

/**
 * Runs widget maths on the runtime. A kernel the backend lacks makes the runtime fall through to
 * the next backend (the reason is reported) and the work is retried once there.
 */
export async function runOnRuntime<T>(work: (tf: Tf) => Promise<T>): Promise<{ value: T; runtime: Runtime }> {
  const runtime = await loadRuntime();
  try {
    const value = await exclusive(() => work(runtime.tf));
    return { value, runtime };
  } catch (error) {
    if (!isMissingKernel(error) || runtime.report.forced) throw error;
    const next = await fallBack(`it lacks a kernel this demo needs (${errorText(error)})`);
    const value = await exclusive(() => work(next.tf));
    return { value, runtime: next };
  }
}

/** Which backends could run here, for the timing panel (imports nothing yet). */
export async function availableBackends(): Promise<{ name: BackendName; reason?: string }[]> {
  const runtime = await loadRuntime();
  const result: { name: BackendName; reason?: string }[] = [];
  for (const name of BACKENDS) {
    if (name === runtime.report.name || loadedBackends.has(name)) {
      result.push({ name });
    } else if (name === 'webgpu') {
      const found = await webGpuAdapter();
      result.push('reason' in found ? { name, reason: found.reason } : { name });
    } else if (name === 'webgl') {
      const reason = webGlAvailable();
      result.push(reason ? { name, reason } : { name });
    } else {
      result.push({ name });
    }
  }
  return result;
}

/**
 * Runs `work` on another backend (importing its package on first use), then switches back to the
 * runtime's backend. Used by the "your GPU" timing panel only.
 */
export async function runOnBackend<T>(name: BackendName, work: (tf: Tf) => Promise<T>): Promise<T> {
  const runtime = await loadRuntime();
  const { tf } = runtime;
  return exclusive(async () => {
    const home = runtime.report.name;
    try {
      await importBackend(tf, name);
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
      await tf.ready();
      return await work(tf);
    } finally {
      if (tf.getBackend() !== home) await tf.setBackend(home);
    }
  });
}
