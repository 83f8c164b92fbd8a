export { loadRunbook } from './loadRunbook';
export { formatProblem } from './formatProblem';
export { listRunbooks } from './listRunbooks';
export { builtinRunbooksDir } from './builtinRunbooksDir';
export { runbookJsonSchema } from './runbookJsonSchema';
export { runbookContentHash } from './runbookContentHash';
export { runbookSchema, stepSchema, whenSchema, CSF_FUNCTIONS, PICERL_PHASES, STEP_KINDS, INPUT_TYPES, WRITABLE_FIELDS } from './runbookSchema';
export type { RunbookFile, RunbookStep, RunbookWhen } from './runbookSchema';
export type { LoadedRunbook, LoadResult, RunbookProblem } from './types';
