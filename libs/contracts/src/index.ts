export * from './ais-message.js';
export * from './vessel.js';
export * from './alert.js';
export * from './zone.js';
export * from './auth.js';
export * from './socket-events.js';
