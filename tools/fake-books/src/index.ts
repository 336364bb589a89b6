export { startFakeBooks, type FakeBooksServer } from './server';
export type { FakeBooksOptions, RateLimitConfig } from './config';
export { AdminService, AdminError, type AdminSettings } from './admin';
export type { Fault, FaultKind, FaultRequest } from './faults';
export type { RequestLogEntry } from './request-log';
export type { DocumentKind } from './store';
export type { RoundingMode } from './money';
