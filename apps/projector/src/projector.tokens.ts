/** Injection tokens for values that are not classes. */
export const CONFIG = Symbol('ProjectorConfig');
export const LOGGER = Symbol('Logger');
export const CLOCK = Symbol('Clock');
export const MONGO = Symbol('MongoHandle');
export const KAFKA = Symbol('Kafka');
/** The read-model version this process writes (`ProjectedVersion`). */
export const READ_MODEL = Symbol('ProjectedVersion');
export const PRODUCER = Symbol('Producer');
