export * from './client.js';
export * from './issues.js';
export * from './projects.js';
export { default as users } from './users.js';
export type * from './types.js';
