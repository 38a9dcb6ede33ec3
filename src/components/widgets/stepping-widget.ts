/**
 * A widget that trains step by step, with the controls of RunControls.astro: Play runs
 * `advance(stepsPerFrame)` once a frame (yielding with tf.nextFrame) until it returns false, Step
 * pauses and takes one step, Reset and every backend change pause and call `restart()`, and
 * leaving the page pauses the run.
 */
import { RunLoop } from './training-view';
import { AtlasWidget } from './widget-element';

export abstract class SteppingWidget extends AtlasWidget {
  protected loop: RunLoop | null = null;
  protected abstract readonly stepsPerFrame: number;

  /** n more steps (fewer at the end of the run); false when the run is over. */
  protected abstract advance(n: number): Promise<boolean>;
  /** Starts the run again from step 0 with the current settings; tfjs is loaded. */
  protected abstract restart(): Promise<void>;

  /** Pauses, then restarts once tfjs is there; what every control that changes a setting calls. */
  protected async reset(): Promise<void> {
    this.loop?.pause();
    if (this.runtime) await this.restart();
  }

  /** Wires Play/Pause, Step and Reset; call from setup(). */
  protected wireRunControls(): void {
    this.el('[data-play]', HTMLButtonElement).addEventListener('click', () => {
      if (this.loop?.isRunning) this.loop.pause();
      else void this.loop?.play();
    });
    this.el('[data-step]', HTMLButtonElement).addEventListener('click', () => {
      this.loop?.pause();
      void this.advance(1);
    });
    this.el('[data-reset]', HTMLButtonElement).addEventListener('click', () => void this.reset());
  }

  protected async refresh(): Promise<void> {
    if (!this.loop && this.runtime) {
      const tf = this.runtime.tf;
      this.loop = RunLoop.withPlayButton(this, this.el('[data-play]', HTMLButtonElement), () => this.advance(this.stepsPerFrame), () => tf.nextFrame());
    }
    await this.reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loop?.pause();
  }
}
