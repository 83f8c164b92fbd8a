/** "1 event", "2 events", "1 policy", "3 policies": a count with its noun in the right number (the UI and the CLI). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
