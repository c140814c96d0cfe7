import { str, url } from 'envalid';

/** MongoDB (or any MongoDB-protocol server such as FerretDB). */
export const mongoEnv = {
  MONGODB_URI: url({ default: 'mongodb://127.0.0.1:27017', desc: 'MongoDB connection string' }),
  MONGODB_DATABASE: str({ default: 'biometrics', desc: 'database holding the read model' }),
};

export interface MongoConfig {
  readonly MONGODB_URI: string;
  readonly MONGODB_DATABASE: string;
}
