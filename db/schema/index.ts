export * from './team';
export * from './settings';
export * from './monitors';
export * from './checks';
export * from './incidents';
export * from './alerts';
