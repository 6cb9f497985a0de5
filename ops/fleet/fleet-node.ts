/** A simulated node's identity and facts, deterministic per index. */
export interface FleetNode {
  readonly certname: string;
  readonly facts: Record<string, unknown>;
}

const ROLES = ['web', 'db', 'app'] as const;
const OSES = [
  { family: 'Debian', name: 'Debian', release: { major: '12', full: '12.7' } },
  { family: 'Debian', name: 'Ubuntu', release: { major: '22.04', full: '22.04' } },
  { family: 'RedHat', name: 'Rocky', release: { major: '9', full: '9.4' } },
] as const;

/** Certnames match the example site's node definitions (`web…`, `db…`, others). */
export function fleetNode(index: number, domain = 'example.com'): FleetNode {
  const role = ROLES[index % ROLES.length]!;
  const certname = `${role}${String(index).padStart(5, '0')}.${domain}`;
  const os = OSES[Math.floor(index / ROLES.length) % OSES.length]!;
  const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  return {
    certname,
    facts: {
      os: { ...os, architecture: 'amd64' },
      kernel: 'Linux',
      networking: { fqdn: certname, hostname: certname.split('.')[0], domain, ip },
      processors: { count: 2 + (index % 4) * 2 },
      memory: { system: { total_bytes: (4 + (index % 8) * 4) * 2 ** 30 } },
      virtual: index % 5 === 0 ? 'physical' : 'kvm',
      timezone: 'UTC',
      uptime_seconds: 1000 + index,
      puppetversion: '7.23.0',
    },
  };
}
