const nf = new Intl.NumberFormat();

export function formatCount(n: number): string {
  return nf.format(n);
}
