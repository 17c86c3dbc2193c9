export * from './app-error.js';
export * from './error-code.js';
export * from './format-error.js';
