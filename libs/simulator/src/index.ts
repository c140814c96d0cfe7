export * from './random';
export * from './gateway-simulator';
