/**
 * The behaviour every widget shares, as a base class for their custom elements: load the tfjs
 * runtime when the widget comes within ~200px of the viewport or when the reader presses Run,
 * show what it runs on and a progress indicator meanwhile, and run the widget's maths through the
 * shared runtime. Imports no tfjs itself: `backend.ts` loads it dynamically.
 */
import {
  BACKEND_LABELS,
  describeBackend,
  describeFallbacks,
  loadRuntime,
  onRuntimeChange,
  runOnRuntime,
  type Runtime,
  type Tf,
} from '../../lib/ml/backend';

export abstract class AtlasWidget extends HTMLElement {
  protected runtime: Runtime | null = null;
  private started = false;
  private observer: IntersectionObserver | null = null;
  private unsubscribe: (() => void) | null = null;
  private busyCount = 0;
  private firstRunDone = false;
  private runs = 0;

  connectedCallback(): void {
    this.el('[data-run]', HTMLButtonElement).addEventListener('click', () => void this.start());
    this.setup();
    if ('IntersectionObserver' in window) {
      this.observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.start();
        },
        { rootMargin: '200px' },
      );
      this.observer.observe(this);
    }
    this.unsubscribe = onRuntimeChange((runtime) => {
      this.runtime = runtime;
      this.showBackend(runtime);
      void this.refresh();
    });
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.unsubscribe?.();
  }

  /** Wire up controls; runs before tfjs is loaded. */
  protected abstract setup(): void;
  /** Compute and draw with the runtime; runs once loaded and after every backend change. */
  protected abstract refresh(): Promise<void>;

  /** Loads the runtime (once) and runs the first computation. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.observer?.disconnect();
    const run = this.el('[data-run]', HTMLButtonElement);
    run.disabled = true;
    this.setBusy(true);
    try {
      this.runtime = await loadRuntime((message) => this.setStatus(message));
      this.showBackend(this.runtime);
      run.hidden = true;
      await this.refresh();
      if (!this.dataset['error']) this.setStatus('Ready.');
      this.dataset['ready'] = 'true';
    } catch (error) {
      this.fail(error);
      this.started = false;
      run.disabled = false;
    } finally {
      this.setBusy(false);
    }
  }

  /**
   * Runs maths on the runtime with a progress indicator; the first call says that shaders are
   * being compiled. Returns null (and shows the error) on failure.
   */
  protected async compute<T>(work: (tf: Tf) => Promise<T>): Promise<T | null> {
    if (!this.runtime) return null;
    this.setBusy(true);
    if (!this.firstRunDone && this.runtime.report.name !== 'cpu') {
      this.setStatus(`Compiling ${BACKEND_LABELS[this.runtime.report.name]} shaders (the first run can take a second)…`);
    }
    try {
      const { value, runtime } = await runOnRuntime(work);
      if (runtime !== this.runtime) {
        this.runtime = runtime;
        this.showBackend(runtime);
      }
      if (!this.firstRunDone) this.setStatus('Ready.');
      this.firstRunDone = true;
      // Completed computations, for tests and the benchmark to wait on.
      this.dataset['runs'] = String(++this.runs);
      return value;
    } catch (error) {
      this.fail(error);
      return null;
    } finally {
      this.setBusy(false);
    }
  }

  protected get backendLabel(): string {
    return this.runtime ? BACKEND_LABELS[this.runtime.report.name] : 'tfjs';
  }

  protected el<E extends Element>(selector: string, type: new () => E): E {
    const found = this.querySelector(selector);
    if (!(found instanceof type)) throw new Error(`${this.localName}: missing ${selector}`);
    return found;
  }

  protected setStatus(message: string): void {
    this.el('[data-status]', HTMLElement).textContent = message;
  }

  private setBusy(busy: boolean): void {
    this.busyCount += busy ? 1 : -1;
    const progress = this.el('[data-progress]', HTMLProgressElement);
    progress.hidden = this.busyCount <= 0;
    this.setAttribute('aria-busy', String(this.busyCount > 0));
  }

  private showBackend(runtime: Runtime): void {
    const line = this.el('[data-backend]', HTMLElement);
    line.hidden = false;
    this.dataset['backend'] = runtime.report.name;
    const why = describeFallbacks(runtime.report);
    line.textContent = `Runs on ${describeBackend(runtime.report)}.` + (why ? ` Not used: ${why}.` : '');
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.dataset['error'] = message;
    this.setStatus(`Something went wrong: ${message}`);
  }
}
