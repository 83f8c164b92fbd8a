export { startWebHost, MAX_API_BODY_BYTES, type WebHost, type WebHostOptions } from './startWebHost';
export { assertLoopbackHost } from './assertLoopbackHost';
