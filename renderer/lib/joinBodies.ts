/** Two notes on one event (a time-order override, codes read as ISO 3166), each on its own line; null when neither. */
export const joinBodies = (...parts: (string | null)[]): string | null => parts.filter((p): p is string => p !== null).join('\n') || null;
