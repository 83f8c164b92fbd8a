import { ErrorBanner } from '../common/ErrorBanner';

/** Shown wherever the engine's conclusions are: they support a decision, they are not one. */
export function NotLegalAdvice() {
  return (
    <ErrorBanner tone="info">
      <span data-testid="not-legal-advice">Decision support, not legal advice: each conclusion cites its rule; check it with counsel before relying on it.</span>
    </ErrorBanner>
  );
}
