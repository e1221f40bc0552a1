// Names the registry makes up: generateName suffixes, uids and timestamps.
import { randomInt, randomUUID } from 'node:crypto';

// Consonants and digits only, so generated suffixes never spell words (Kubernetes' alphabet).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
const MAX_BASE_LENGTH = MAX_NAME_LENGTH - SUFFIX_LENGTH;

/** `generateName` + 5 random characters; the base is cut so the result fits 63 characters. */
export function generateName(base: string): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return base.slice(0, MAX_BASE_LENGTH) + suffix;
}

export function newUID(): string {
  return randomUUID();
}

/** RFC 3339 in UTC with whole seconds, as metav1.Time serialises: `2024-05-01T12:00:00Z`. */
export { nowRFC3339 } from '../machinery/clock.js';
