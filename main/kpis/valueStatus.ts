/** Per incident (or stay), what a duration metric found. */
export const COUNTED = 0;
export const MISSING = 1;
export const OUT_OF_ORDER = 2;
/** Not about this metric at all (a phase the incident never entered). */
export const NOT_IN_SCOPE = 3;
