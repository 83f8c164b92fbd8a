/**
 * IPC channel names. The preload keeps its own copy (it may import only contract/ and electron);
 * test/unit/app/channels.test.ts keeps the two equal.
 */
export const API_CHANNEL = 'api';
export const EVENT_CHANNEL = 'event';
