export * from './kafka.config';
export * from './kafka-client';
export * from './ensure-topics';
export * from './dead-letter';
