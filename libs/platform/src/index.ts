export * from './config';
export * from './clock';
export * from './logger';
export * from './common.config';
