import type { CertificateStatus } from '../../ca/policy/cert-status.js';
import { CertificateAuthority } from '../../ca/certificate-authority.js';
import { UsageError, type OptionTable, type OptionValues } from '../cli-args.js';
import { defineCommand, defineCommandGroup } from '../cli-command.js';
import { configFrom, configOptions } from '../config-options.js';

/*
 * `troupe ca …` works on the CA directory itself, not through a server:
 * with `troupe serve` stopped or running alike (the CA lock keeps the two
 * apart, and a running serve picks up a new CRL as soon as it is written).
 */

const WHERE = configOptions(['dataDir', 'sslDir']);
const ISSUING = configOptions(['dataDir', 'sslDir', 'caTtlSeconds']);

function openCa(values: OptionValues<OptionTable>): CertificateAuthority {
  return CertificateAuthority.fromConfig(configFrom(values));
}

function certnameArg(positional: string | undefined): string {
  if (positional === undefined) throw new UsageError('missing NAME: the certname to act on');
  return positional;
}

const listCommand = defineCommand({
  name: 'ca list',
  summary: 'list pending certificate requests (with --all, signed and revoked certificates too)',
  usage: '[--all] [--ssl-dir DIR]',
  options: { all: { type: 'boolean', description: 'list signed and revoked certificates as well' }, ...WHERE },
}, async ({ values }, io) => {
  const listing = await openCa(values).list();
  const sections = [['Requested Certificates', listing.requested], ...(values.all ? [['Signed Certificates', listing.signed], ['Revoked Certificates', listing.revoked]] as const : [])] as const;
  const shown = sections.filter(([, entries]) => entries.length > 0);
  io.out(shown.length === 0 ? 'No certificates to list\n' : shown.map(([title, entries]) => `${title}:\n${entries.map(listLine).join('')}`).join(''));
  return 0;
});

/** `    name   (SHA256)  AB:…  alt names: [...]`, as `puppetserver ca list` shows an entry. */
function listLine(s: CertificateStatus): string {
  const alt = s.subject_alt_names.length > 0 ? `  alt names: ${JSON.stringify(s.subject_alt_names)}` : '';
  const auth = Object.keys(s.authorization_extensions).length > 0 ? `  authorization extensions: ${JSON.stringify(s.authorization_extensions)}` : '';
  return `    ${s.name.padEnd(30)} (SHA256)  ${s.fingerprint}${alt}${auth}\n`;
}

const signCommand = defineCommand({
  name: 'ca sign',
  summary: 'sign a pending certificate request',
  usage: 'NAME [--allow-dns-alt-names] [--allow-authorization-extensions] [--ssl-dir DIR]',
  positional: 'NAME',
  options: {
    'allow-dns-alt-names': { type: 'boolean', description: 'sign even though the request asks for alt names beyond its certname' },
    'allow-authorization-extensions': { type: 'boolean', description: 'sign even though the request asks for authorization extensions (pp_authorization, pp_auth_role …)' },
    ...ISSUING,
  },
}, async ({ values, positional }, io) => {
  const certname = certnameArg(positional);
  await openCa(values).sign(certname, { subjectAltNames: values['allow-dns-alt-names'], authorizationExtensions: values['allow-authorization-extensions'] });
  io.out(`Successfully signed certificate request for ${certname}\n`);
  return 0;
});

const revokeCommand = defineCommand({
  name: 'ca revoke',
  summary: "revoke a certname's certificates (the CRL changes at once, a running serve included)",
  usage: 'NAME [--ssl-dir DIR]',
  positional: 'NAME',
  options: WHERE,
}, async ({ values, positional }, io) => {
  const certname = certnameArg(positional);
  const changed = await openCa(values).revoke(certname);
  io.out(changed ? `Certificate for ${certname} has been revoked\n` : `Certificate for ${certname} was revoked already\n`);
  return 0;
});

const cleanCommand = defineCommand({
  name: 'ca clean',
  summary: "revoke a certname's certificates and delete its certificate and request, so it can ask anew",
  usage: 'NAME [--ssl-dir DIR]',
  positional: 'NAME',
  options: WHERE,
}, async ({ values, positional }, io) => {
  const certname = certnameArg(positional);
  await openCa(values).clean(certname);
  io.out(`Cleaned files related to ${certname}\n`);
  return 0;
});

const generateCommand = defineCommand({
  name: 'ca generate',
  summary: 'make a key and a signed certificate in one step (admin and test certificates)',
  usage: 'NAME [--dns-alt-names a,b,IP:10.0.0.1] [--ssl-dir DIR]',
  positional: 'NAME',
  options: { 'dns-alt-names': { type: 'string', value: 'NAMES', description: 'comma-separated alt names besides NAME (IP: prefix for addresses)' }, ...ISSUING },
}, async ({ values, positional }, io) => {
  const certname = certnameArg(positional);
  const altNames = (values['dns-alt-names'] ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  const made = await openCa(values).generate(certname, altNames);
  io.out(`Successfully saved private key for ${certname} to ${made.keyPath}\nSuccessfully saved certificate for ${certname} to ${made.certPath}\n`);
  return 0;
});

/** `troupe ca list|sign|revoke|clean|generate`: puppetserver's `puppetserver ca`, on Troupe's CA directory. */
export const caCommand = defineCommandGroup({
  name: 'ca',
  summary: 'manage the certificate authority: list, sign, revoke, clean, generate',
  about: "Acts on the CA directory (--ssl-dir, default DATA-DIR/ssl; the CA in its ca/ subdirectory, puppetserver's layout) directly, whether troupe serve runs or not.",
}, [listCommand, signCommand, revokeCommand, cleanCommand, generateCommand]);
