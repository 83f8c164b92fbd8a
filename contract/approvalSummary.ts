/**
 * A notice's approval state in words, the same in the app and the CLI: "1 of 2 approvals (lena)",
 * "Approved by lena and luis", "No approval yet (2 needed)". Never "Approved by lena · needs 1
 * approval", which reads as approved.
 */
export function approvalSummary(draft: { approvals: readonly { user: string }[]; requiredApprovals: number }): string {
  const names = draft.approvals.map((a) => a.user);
  if (names.length >= draft.requiredApprovals) return `Approved by ${names.join(' and ')}`;
  if (names.length === 0) return `No approval yet (${draft.requiredApprovals} needed)`;
  return `${names.length} of ${draft.requiredApprovals} approvals (${names.join(', ')})`;
}
