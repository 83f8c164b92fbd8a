export { appendEvent, observeAppends, readHead, type AppendObserver, type NewEvent } from './appendEvent';
export { namesEvent, verifyChain } from './verifyChain';
export { eventsForIncident, incidentEventPage, listEvents, toFtsQuery, EVENT_COUNT_CAP, type EventQuery } from './listEvents';
export { maskEvent } from './maskEvent';
export { readEvents } from './readEvents';
export { canonicalJson } from './canonicalJson';
export { hashEvent, GENESIS_HASH } from './hashEvent';
export { rowToEvent, type EventRow } from './rowToEvent';
export { rescrubWithheldSearch } from './rescrubWithheldSearch';
