export { createBackend } from './createBackend';
export type { Backend, BackendOptions, Connection } from './types';
