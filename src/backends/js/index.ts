import type { Backend } from '../../contract.js';
import { greatCircle } from './geo.js';
import { checkPrime } from './prime.js';

/** The pure-TypeScript backend: always available, and the reference the others are tested against. */
export function loadJsBackend(): Backend {
  return { name: 'js', kernels: { checkPrime, greatCircle }, features: { variant: 'scalar' } };
}
