import { createHash } from 'node:crypto';
import { str } from './argument-checks.js';
import type { PuppetFunction } from './puppet-function.types.js';

const digest = (algo: string): PuppetFunction => (_c, args) => createHash(algo).update(str(algo, args, 0)).digest('hex');

/** Hex digests of a string. */
export const DIGEST_FUNCTIONS: Record<string, PuppetFunction> = {
  sha1: digest('sha1'),
  md5: digest('md5'),
  sha256: digest('sha256'),
};
