/**
 * Whether a call comes from the user's hand (issue 13 §7). The backend keeps a session alive only
 * on calls the user caused: a page that refetches after every push event (the Backups page while
 * a schedule runs, a list while a colleague writes) must not hold the vault open on an unattended
 * screen. A call counts as the user's when it starts within USER_CALL_WINDOW_MS of a key press,
 * pointer press, wheel or touch in this window; every other call is sent as `background`.
 */
export const USER_CALL_WINDOW_MS = 5_000;

/** The input events that show someone is at the screen (movement alone is not: a nudged mouse is no one at work). */
export const USER_INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export class UserActivity {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Records an input now. */
  noteInput(): void {
    this.last = this.now();
  }

  /** True when nothing the user did in the last USER_CALL_WINDOW_MS can have caused a call made now. */
  isBackground(): boolean {
    return this.now() - this.last > USER_CALL_WINDOW_MS;
  }

  /** Listens for input on `target` (capture phase, so a handler that stops propagation cannot hide it); returns what stops listening. */
  watch(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onInput = (e: Event) => {
      // Only what a person did: a script's dispatchEvent is not activity.
      if (e.isTrusted) this.noteInput();
    };
    for (const type of USER_INPUT_EVENTS) target.addEventListener(type, onInput, { capture: true, passive: true });
    return () => {
      for (const type of USER_INPUT_EVENTS) target.removeEventListener(type, onInput, { capture: true });
    };
  }
}
