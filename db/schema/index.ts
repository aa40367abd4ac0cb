export * from './team';
export * from './settings';
