import { describeMapping } from '../../contract';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** "Read as ISO 3166: UK → GB (United Kingdom)" when codes were given as aliases (`mapped` in the event), else null. */
export function mappedCodes(data: Record<string, unknown>): string | null {
  const list = Array.isArray(data.mapped) ? data.mapped.filter(isRecord) : [];
  if (list.length === 0) return null;
  return `Read as ISO 3166: ${list.map((m) => describeMapping({ from: str(m.from), to: str(m.to) })).join(', ')}`;
}
