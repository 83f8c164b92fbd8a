import { EmptyState } from '../common/EmptyState';

export function NotPermitted({ what }: { what: string }) {
  return (
    <div className="page">
      <EmptyState icon="lock" title="Not available for your role">
        Your role does not include access to {what}. Ask an administrator if you need it.
      </EmptyState>
    </div>
  );
}
