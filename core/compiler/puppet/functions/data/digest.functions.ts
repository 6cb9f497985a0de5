import { createHash } from 'node:crypto';
import { isHash, toStr } from '../../types/values.js';
import { str } from '../argument-checks.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { rubyRandom } from './ruby-random.js';

const digest = (algo: string): PuppetFunction => (_c, args) => createHash(algo).update(str(algo, args, 0)).digest('hex');

/** Hex digests of a string, and `fqdn_rand`: a number per node from the MD5 of its FQDN. */
export const DIGEST_FUNCTIONS: Record<string, PuppetFunction> = {
  fqdn_rand: (c, args) => {
    const max = Math.trunc(Number(args[0]));
    const facts = c.top.vars.get('facts');
    const net = isHash(facts) ? facts.get('networking') : undefined;
    let fqdn = toStr(isHash(net) ? net.get('fqdn') : undefined);
    if (args[2] === true) fqdn = fqdn.toLowerCase();
    const seed = BigInt(`0x${createHash('md5').update([fqdn, String(max), args[1] === undefined ? '' : toStr(args[1])].join(':')).digest('hex')}`);
    return rubyRandom(seed, max);
  },
  sha1: digest('sha1'),
  md5: digest('md5'),
  sha256: digest('sha256'),
};
