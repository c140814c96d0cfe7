export * from './mongo.config';
export * from './mongo-client';
export * from './dashboard-id';
export * from './read-model';
export * from './duplicate-keys';
export * from './sample-ledger';
export * from './claim-attempt';
export * from './dashboard-store';
