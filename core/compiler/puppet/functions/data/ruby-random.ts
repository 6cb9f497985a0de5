/**
 * Ruby's `Random.new(seed).rand(max)` (MT19937 seeded by `init_by_array`
 * with the seed's 32-bit words, least significant first), so `fqdn_rand`
 * gives every node the number Puppet gives it.
 */
export function rubyRandom(seed: bigint, max: number): number {
  return rubyRandomGenerator(seed)(max);
}

/** One `Random.new(seed)`: each call is its next `rand(max)` (stdlib's `seeded_rand_string` draws many). */
export function rubyRandomGenerator(seed: bigint): (max: number) => number {
  const key: number[] = [];
  for (let big = seed; big > 0n; big >>= 32n) key.push(Number(big & 0xffffffffn));
  if (key.length === 0) key.push(0);
  const next = mersenneTwister(key);
  return (max) => {
    const limit = max - 1;
    if (limit <= 0) return 0;
    let mask = limit;
    for (const shift of [1, 2, 4, 8, 16]) mask |= mask >>> shift;
    mask >>>= 0;
    // Ruby's limited_rand: draw masked words until one is within the limit.
    for (;;) {
      const v = (next() & mask) >>> 0;
      if (v <= limit) return v;
    }
  };
}

const N = 624;
const M = 397;

function mersenneTwister(key: readonly number[]): () => number {
  const s = new Uint32Array(N);
  s[0] = 19650218;
  for (let k = 1; k < N; k++) s[k] = (Math.imul(1812433253, s[k - 1]! ^ (s[k - 1]! >>> 30)) + k) >>> 0;
  let a = 1;
  let b = 0;
  for (let k = Math.max(N, key.length); k; k--) {
    s[a] = ((s[a]! ^ Math.imul(s[a - 1]! ^ (s[a - 1]! >>> 30), 1664525)) + key[b]! + b) >>> 0;
    a++; b++;
    if (a >= N) { s[0] = s[N - 1]!; a = 1; }
    if (b >= key.length) b = 0;
  }
  for (let k = N - 1; k; k--) {
    s[a] = ((s[a]! ^ Math.imul(s[a - 1]! ^ (s[a - 1]! >>> 30), 1566083941)) - a) >>> 0;
    a++;
    if (a >= N) { s[0] = s[N - 1]!; a = 1; }
  }
  s[0] = 0x80000000;
  let i = N;
  return () => {
    if (i >= N) {
      for (let k = 0; k < N; k++) {
        const y = (s[k]! & 0x80000000) | (s[(k + 1) % N]! & 0x7fffffff);
        s[k] = s[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      i = 0;
    }
    let y = s[i++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
}
