import { startServe } from './ops/bench/serve-child.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
const s = await startServe(['--data-dir', mkdtempSync('/tmp/pr-'), '--max-in-flight-body-bytes', String(process.argv[2] ?? 268435456)]);
const prim = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${s.child.pid}/status`, 'utf8'))?.[1]) / 1024;
const body = JSON.stringify({ certname: 'big.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'p', values: { blob: 'x'.repeat(50 << 20) } });
console.log('primary before', prim().toFixed(0));
const res = await Promise.all(Array.from({ length: 8 }, () => fetch(`${s.url}/pdb/cmd/v1?command=replace_facts&version=5`, { method: 'POST', body }).then((r) => r.status)));
console.log('statuses', res.join(','), 'peak primary MB', s.peakRssMb().toFixed(0));
for (const t of [2, 10, 30]) { await new Promise((r) => setTimeout(r, t === 2 ? 2000 : (t - 2) * 1000 / 2)); console.log(`primary after ~${t}s`, prim().toFixed(0)); }
const st = await (await fetch(`${s.url}/status`)).json(); console.log(JSON.stringify(st.memory), st.queueDepth);
await s.stop();
process.exit(0);
