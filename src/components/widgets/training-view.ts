/**
 * Drawing helpers the training widgets share (browser only, no tfjs): line charts with d3 at the
 * chart's real width, and the run loop that trains a few steps per animation frame, yields with
 * `tf.nextFrame()`, and can be paused.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';

export interface Series {
  /** CSS class that colours it (stroke from a custom property). */
  className: string;
  values: readonly number[];
  /** x of each value; the index when absent. */
  xs?: readonly number[];
  dashed?: boolean;
  /** Dots instead of a line. */
  dots?: boolean;
}

export interface ChartOptions {
  height: number;
  xMax: number;
  yDomain?: [number, number];
  logY?: boolean;
  xLabel: string;
  yLabel: string;
}

const M = { top: 10, right: 12, bottom: 32, left: 48 };

/** Redraws a whole chart into `svg` at the width of its container. */
export function drawChart(svg: SVGSVGElement, series: readonly Series[], options: ChartOptions): void {
  const width = Math.round(Math.max(260, Math.min(720, svg.parentElement?.clientWidth || 640)));
  const { height } = options;
  const all = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v) && (!options.logY || v > 0)));
  let [lo, hi] = options.yDomain ?? [Math.min(...all), Math.max(...all)];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = options.logY ? [0.01, 1] : [0, 1];
  if (lo === hi) [lo, hi] = options.logY ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  const x = scaleLinear().domain([0, Math.max(1, options.xMax)]).range([M.left, width - M.right]);
  const y = (options.logY ? scaleLog() : scaleLinear()).domain([lo, hi]).range([height - M.bottom, M.top]).clamp(true);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  root
    .append('g')
    .attr('class', 'tw-axis')
    .attr('transform', `translate(0,${height - M.bottom})`)
    .call(axisBottom(x).ticks(width < 420 ? 4 : 8));
  root
    .append('g')
    .attr('class', 'tw-axis')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5, options.logY ? '~g' : undefined));
  root
    .append('text')
    .attr('class', 'tw-axis-label')
    .attr('x', width - M.right)
    .attr('y', height - 4)
    .attr('text-anchor', 'end')
    .text(options.xLabel);
  root.append('text').attr('class', 'tw-axis-label').attr('x', M.left + 6).attr('y', M.top + 2).attr('dominant-baseline', 'hanging').text(options.yLabel);
  for (const s of series) {
    const points = s.values.map((v, i) => [s.xs?.[i] ?? i, v] as const).filter(([, v]) => Number.isFinite(v) && (!options.logY || v > 0));
    if (s.dots) {
      root
        .append('g')
        .attr('class', `tw-dots ${s.className}`)
        .selectAll('circle')
        .data(points)
        .join('circle')
        .attr('r', 2.2)
        .attr('cx', (p) => x(p[0]))
        .attr('cy', (p) => y(p[1]));
    } else {
      root
        .append('path')
        .attr('class', `tw-line ${s.className}`)
        .attr('stroke-dasharray', s.dashed ? '6 4' : null)
        .attr(
          'd',
          line<readonly [number, number]>()
            .x((p) => x(p[0]))
            .y((p) => y(p[1]))(points),
        );
    }
  }
}

/**
 * A pausable loop: `tick()` does a little work (a few training steps) and says whether to go on;
 * between ticks it yields a frame, so the page never blocks.
 */
export class RunLoop {
  /** A loop whose widget's Play button reads Pause while it runs, and whose state shows as data-running. */
  static withPlayButton(host: HTMLElement, play: HTMLButtonElement, tick: () => Promise<boolean>, nextFrame: () => Promise<void>): RunLoop {
    return new RunLoop(tick, nextFrame, (running) => {
      play.textContent = running ? 'Pause' : 'Play';
      host.dataset['running'] = String(running);
    });
  }

  private running = false;
  private generation = 0;
  constructor(
    private readonly tick: () => Promise<boolean>,
    private readonly nextFrame: () => Promise<void>,
    private readonly onChange: (running: boolean) => void,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  async play(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.onChange(true);
    const generation = ++this.generation;
    try {
      while (this.running && generation === this.generation) {
        const more = await this.tick();
        if (!more) break;
        await this.nextFrame();
      }
    } finally {
      if (generation === this.generation) {
        this.running = false;
        this.onChange(false);
      }
    }
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.onChange(false);
  }
}

/** A finished count of reference checks, for the widgets' ✓/✗ line. */
export function setCheck(el: HTMLElement, ok: boolean, text: string): void {
  el.dataset['ok'] = String(ok);
  el.textContent = text;
}
