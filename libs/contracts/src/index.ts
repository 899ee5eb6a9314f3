export * from './common';
export * from './users';
export * from './auth';
export * from './media';
export * from './chat';
export * from './notifications';
export * from './socket-events';
export * from './queues';
