/**
 * The dashboard projection, pure: no framework, broker or database. `evolve` folds one event into the
 * state, `rebucket` recomputes the periods after a time-zone change, `materialize` evaluates the state at
 * a given "now" into the served view.
 */
export * from './state';
export * from './periods';
export * from './fold-event';
export * from './evolve';
export * from './rebucket';
export * from './materialize';
export * from './view';
