/** IPC channel names; equal to main/app/channels.ts (checked by test/unit/app/channels.test.ts). */
export const API_CHANNEL = 'api';
export const EVENT_CHANNEL = 'event';
