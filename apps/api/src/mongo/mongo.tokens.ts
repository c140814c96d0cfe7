/** The connected client and database (`MongoHandle` from @app/mongo). */
export const MONGO = Symbol('MONGO');
/** An `ActiveCollectionFollower` over the active dashboards collection. */
export const DASHBOARDS = Symbol('DASHBOARDS');
