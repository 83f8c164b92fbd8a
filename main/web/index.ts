export { startWebHost, MAX_API_BODY_BYTES, MAX_BUFFERED_BODY_BYTES, type WebHost, type WebHostOptions } from './startWebHost';
export { assertLoopbackHost } from './assertLoopbackHost';
