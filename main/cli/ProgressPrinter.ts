import { terminalSafe } from './terminalSafe';

/**
 * Progress lines on stderr, throttled. On a terminal one line is rewritten in place, at most a
 * few times a second; elsewhere (a pipe, a log file, CI) a new line is written on every change
 * of phase and otherwise at most every couple of seconds, so logs stay short.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export const TTY_INTERVAL_MS = 250;
export const LOG_INTERVAL_MS = 2000;

export class ProgressPrinter<P extends { phase: string }> {
  private lastAt = -Infinity;
  private lastPhase: string | null = null;
  /** Something is on the current terminal line that a final newline must end. */
  private open = false;
  private pending: P | null = null;

  constructor(
    private readonly stream: ProgressStream,
    private readonly format: (p: P) => string,
    private readonly now: () => number = Date.now,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  update(p: P): void {
    const t = this.now();
    const phaseChanged = p.phase !== this.lastPhase;
    if (!phaseChanged && t - this.lastAt < (this.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) {
      this.pending = p;
      return;
    }
    this.show(p, t);
  }

  /** Shows the last update if it was held back, and ends the terminal line. */
  finish(): void {
    if (this.pending !== null) this.show(this.pending, this.now());
    if (this.open) this.stream.write('\n');
    this.open = false;
  }

  private show(p: P, t: number): void {
    this.pending = null;
    this.lastAt = t;
    this.lastPhase = p.phase;
    // Made safe here rather than in the output writer: this writes terminal sequences of its own
    // (\r\x1b[K), and a file name in a backup's progress may hold any character (issue 13 §8).
    const line = terminalSafe(this.format(p), { singleLine: true });
    if (!this.tty) {
      this.stream.write(`${line}\n`);
      return;
    }
    // Cut to the terminal's width so the line never wraps (a wrapped line cannot be rewritten).
    // columns is 0 or missing when the terminal does not say (a pty without a size).
    const width = this.stream.columns || 80;
    const shown = line.length >= width ? `${line.slice(0, Math.max(0, width - 2))}…` : line;
    this.stream.write(`\r\x1b[K${shown}`);
    this.open = true;
  }
}
